using System.Threading.Channels;

namespace Blind53.CaveDiving.DiveLog;

public abstract record DiveCommand;

public sealed record DiverEntered(string Diver, string Passage, DateTime AtUtc) : DiveCommand;

public sealed record DiverSurfaced(string Diver, DateTime AtUtc) : DiveCommand;

public sealed record QueryUnderground(TaskCompletionSource<IReadOnlyList<string>> Reply) : DiveCommand;

/// <summary>
/// Actor that keeps track of who is currently underwater in the cave system.
/// Surface tenders, the dive computer uplink and the safety dashboard post commands
/// from any thread.
/// </summary>
public sealed class DiveLogActor : IAsyncDisposable
{
    private readonly Channel<DiveCommand> _mailbox = Channel.CreateUnbounded<DiveCommand>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly Dictionary<string, DiverEntered> _underground = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Diver, TimeSpan Duration)> _completedDives = new();
    private readonly Task _loop;

    public DiveLogActor()
    {
        _loop = Task.Run(ProcessAsync);
    }

    public bool Post(DiveCommand command) => _mailbox.Writer.TryWrite(command);

    public async Task<IReadOnlyList<string>> WhoIsUndergroundAsync()
    {
        var reply = new TaskCompletionSource<IReadOnlyList<string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_mailbox.Writer.TryWrite(new QueryUnderground(reply)))
        {
            return Array.Empty<string>();
        }

        return await reply.Task.ConfigureAwait(false);
    }

    private async Task ProcessAsync()
    {
        await foreach (var command in _mailbox.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            switch (command)
            {
                case DiverEntered entered:
                    _underground[entered.Diver] = entered;
                    break;
                case DiverSurfaced surfaced:
                    if (_underground.Remove(surfaced.Diver, out var entry))
                    {
                        _completedDives.Add((surfaced.Diver, surfaced.AtUtc - entry.AtUtc));
                    }

                    break;
                case QueryUnderground query:
                    query.Reply.TrySetResult(_underground.Values
                        .Select(e => $"{e.Diver} in {e.Passage} since {e.AtUtc:HH:mm}")
                        .ToList());
                    break;
            }
        }

        foreach (var entered in _underground.Values)
        {
            Console.WriteLine($"Log closed with {entered.Diver} still in {entered.Passage}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _mailbox.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}

public static class SurfaceTender
{
    public static Task ReportAsync(DiveLogActor log, string diver, string passage, TimeSpan bottomTime)
    {
        return Task.Run(async () =>
        {
            log.Post(new DiverEntered(diver, passage, DateTime.UtcNow));
            await Task.Delay(bottomTime).ConfigureAwait(false);
            log.Post(new DiverSurfaced(diver, DateTime.UtcNow));
        });
    }
}
