using System.Threading.Channels;

namespace Kennel.Boarding;

public abstract record KennelCommand;
public sealed record CheckIn(string Dog, int Run, DateTime At) : KennelCommand;
public sealed record CheckOut(string Dog) : KennelCommand;
public sealed record CountQuery(TaskCompletionSource<int> Reply) : KennelCommand;
public sealed record RunQuery(string Dog, TaskCompletionSource<int?> Reply) : KennelCommand;

public readonly record struct DogStay(int Run, DateTime Since);

/// <summary>
/// Keeps track of which sheepdog is boarded in which run. All changes go through
/// a mailbox processed by a single loop, so the front desk and the kennel hands'
/// handhelds can post at any time.
/// </summary>
public sealed class KennelActor : IAsyncDisposable
{
    private readonly Channel<KennelCommand> _mailbox =
        Channel.CreateUnbounded<KennelCommand>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Dictionary<string, DogStay> _stays = new(StringComparer.OrdinalIgnoreCase);
    private readonly Task _loop;

    public KennelActor()
    {
        _loop = Task.Run(ProcessAsync);
    }

    public ValueTask CheckInAsync(string dog, int run) =>
        _mailbox.Writer.WriteAsync(new CheckIn(dog, run, DateTime.UtcNow));

    public ValueTask CheckOutAsync(string dog) =>
        _mailbox.Writer.WriteAsync(new CheckOut(dog));

    public async Task<int> CountAsync()
    {
        var reply = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _mailbox.Writer.WriteAsync(new CountQuery(reply));
        return await reply.Task;
    }

    public async Task<int?> RunOfAsync(string dog)
    {
        var reply = new TaskCompletionSource<int?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _mailbox.Writer.WriteAsync(new RunQuery(dog, reply));
        return await reply.Task;
    }

    /// <summary>
    /// Empties the kennel at the end of the trialling season. Called from the
    /// admin page.
    /// </summary>
    public void ResetSeason()
    {
        _stays.Clear();
    }

    private async Task ProcessAsync()
    {
        await foreach (var command in _mailbox.Reader.ReadAllAsync())
        {
            switch (command)
            {
                case CheckIn checkIn:
                    _stays[checkIn.Dog] = new DogStay(checkIn.Run, checkIn.At);
                    break;
                case CheckOut checkOut:
                    _stays.Remove(checkOut.Dog);
                    break;
                case CountQuery count:
                    count.Reply.TrySetResult(_stays.Count);
                    break;
                case RunQuery query:
                    query.Reply.TrySetResult(_stays.TryGetValue(query.Dog, out var stay) ? stay.Run : null);
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _mailbox.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}
