using System.Threading.Channels;

namespace Blind48.SurfSchool.Lessons;

public sealed record LessonBooking(string Student, DateOnly Day, string Board);

/// <summary>
/// Mailbox that owns the surf school's board allocation. Registered as a
/// singleton and called from the booking pages.
/// </summary>
public sealed class BoardAllocationMailbox : IAsyncDisposable
{
    private abstract record Message;
    private sealed record Reserve(string Student, DateOnly Day, int SkillLevel, TaskCompletionSource<LessonBooking?> Reply) : Message;
    private sealed record Cancel(string Student, DateOnly Day, TaskCompletionSource<bool> Reply) : Message;

    private readonly Channel<Message> _inbox = Channel.CreateUnbounded<Message>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<DateOnly, Dictionary<string, string>> _boardsByDay = new();
    private readonly IReadOnlyList<(string Board, int MinSkill)> _quiver;
    private readonly Task _loop;

    public BoardAllocationMailbox(IEnumerable<(string Board, int MinSkill)> quiver)
    {
        _quiver = quiver.OrderByDescending(q => q.MinSkill).ToArray();
        _loop = Task.Run(RunAsync);
    }

    public Task<LessonBooking?> ReserveAsync(string student, DateOnly day, int skillLevel)
    {
        var reply = new TaskCompletionSource<LessonBooking?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_inbox.Writer.TryWrite(new Reserve(student, day, skillLevel, reply)))
        {
            reply.SetException(new ObjectDisposedException(nameof(BoardAllocationMailbox)));
        }

        return reply.Task;
    }

    public Task<bool> CancelAsync(string student, DateOnly day)
    {
        var reply = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_inbox.Writer.TryWrite(new Cancel(student, day, reply)))
        {
            reply.SetResult(false);
        }

        return reply.Task;
    }

    private async Task RunAsync()
    {
        await foreach (var message in _inbox.Reader.ReadAllAsync())
        {
            switch (message)
            {
                case Reserve r:
                    r.Reply.TrySetResult(Allocate(r.Student, r.Day, r.SkillLevel));
                    break;
                case Cancel c:
                    c.Reply.TrySetResult(_boardsByDay.TryGetValue(c.Day, out var taken) && taken.Remove(c.Student));
                    break;
            }
        }
    }

    private LessonBooking? Allocate(string student, DateOnly day, int skillLevel)
    {
        if (!_boardsByDay.TryGetValue(day, out var taken))
        {
            taken = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            _boardsByDay[day] = taken;
        }

        if (taken.TryGetValue(student, out var existing))
        {
            return new LessonBooking(student, day, existing);
        }

        var inUse = new HashSet<string>(taken.Values, StringComparer.Ordinal);
        foreach (var (board, minSkill) in _quiver)
        {
            if (minSkill <= skillLevel && !inUse.Contains(board))
            {
                taken[student] = board;
                return new LessonBooking(student, day, board);
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        _inbox.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}
