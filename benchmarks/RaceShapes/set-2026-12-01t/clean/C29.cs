using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace ClimbingGym.Memberships;

public abstract record MembershipCommand;
public sealed record CheckIn(string MemberId, TaskCompletionSource<bool> Reply) : MembershipCommand;
public sealed record CheckOut(string MemberId) : MembershipCommand;
public sealed record Occupancy(TaskCompletionSource<int> Reply) : MembershipCommand;

/// <summary>
/// Tracks who is on the wall right now and enforces the fire-safety occupancy
/// limit. The desk app and the door scanners send it commands.
/// </summary>
public sealed class OccupancyTracker : BackgroundService
{
    private readonly Channel<MembershipCommand> _commands = Channel.CreateUnbounded<MembershipCommand>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<string> _onSite = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _limit;

    public OccupancyTracker(int limit) => _limit = limit;

    public Task<bool> TryCheckInAsync(string memberId)
    {
        var reply = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_commands.Writer.TryWrite(new CheckIn(memberId, reply)))
        {
            reply.SetResult(false);
        }
        return reply.Task;
    }

    public void CheckOutMember(string memberId) => _commands.Writer.TryWrite(new CheckOut(memberId));

    public Task<int> CurrentOccupancyAsync()
    {
        var reply = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_commands.Writer.TryWrite(new Occupancy(reply)))
        {
            reply.SetResult(0);
        }
        return reply.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var command in _commands.Reader.ReadAllAsync(stoppingToken))
            {
                switch (command)
                {
                    case CheckIn c:
                        c.Reply.SetResult(_onSite.Count < _limit && _onSite.Add(c.MemberId));
                        break;
                    case CheckOut c:
                        _onSite.Remove(c.MemberId);
                        break;
                    case Occupancy o:
                        o.Reply.SetResult(_onSite.Count);
                        break;
                }
            }
        }
        finally
        {
            _commands.Writer.TryComplete();
            while (_commands.Reader.TryRead(out var leftover))
            {
                switch (leftover)
                {
                    case CheckIn c: c.Reply.TrySetCanceled(); break;
                    case Occupancy o: o.Reply.TrySetCanceled(); break;
                }
            }
        }
    }
}
