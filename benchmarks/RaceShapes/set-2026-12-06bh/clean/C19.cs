using System.Threading.Channels;

namespace Blind60.Falconry.Aviary;

public abstract record AviaryMessage;
public sealed record WeighIn(string Bird, int Grams) : AviaryMessage;
public sealed record Fed(string Bird, int Grams) : AviaryMessage;
public sealed record GetFlyingWeight(string Bird, TaskCompletionSource<int?> Reply) : AviaryMessage;

/// <summary>
/// Grain-style actor for one falconry centre's aviary. Falconers, the feeding log and
/// the flying-display planner post messages to its mailbox; <see cref="RunAsync"/> processes them.
/// </summary>
public sealed class AviaryActor
{
    private readonly Channel<AviaryMessage> _mailbox = Channel.CreateUnbounded<AviaryMessage>(
        new UnboundedChannelOptions { SingleReader = true });

    private readonly Dictionary<string, List<int>> _weights = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _fedToday = new(StringComparer.OrdinalIgnoreCase);

    public ValueTask PostAsync(AviaryMessage message, CancellationToken ct = default)
        => _mailbox.Writer.WriteAsync(message, ct);

    public async Task<int?> AskFlyingWeightAsync(string bird, CancellationToken ct)
    {
        var reply = new TaskCompletionSource<int?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await PostAsync(new GetFlyingWeight(bird, reply), ct);
        return await reply.Task.WaitAsync(ct);
    }

    public void Complete() => _mailbox.Writer.TryComplete();

    public async Task RunAsync(CancellationToken ct)
    {
        await foreach (var message in _mailbox.Reader.ReadAllAsync(ct))
        {
            switch (message)
            {
                case WeighIn w:
                    if (!_weights.TryGetValue(w.Bird, out var list))
                    {
                        _weights[w.Bird] = list = new List<int>();
                    }
                    list.Add(w.Grams);
                    if (list.Count > 30)
                    {
                        list.RemoveAt(0);
                    }
                    break;

                case Fed f:
                    _fedToday[f.Bird] = _fedToday.GetValueOrDefault(f.Bird) + f.Grams;
                    break;

                case GetFlyingWeight q:
                    q.Reply.TrySetResult(_weights.TryGetValue(q.Bird, out var history) && history.Count > 0
                        ? (int)history.TakeLast(7).Average()
                        : null);
                    break;
            }
        }
    }
}

public static class MorningRound
{
    /// <summary>Falconers weigh their birds in parallel at the start of the day.</summary>
    public static Task WeighAllAsync(AviaryActor aviary, IEnumerable<(string Bird, int Grams)> scales, CancellationToken ct)
        => Parallel.ForEachAsync(scales, ct, async (s, token) => await aviary.PostAsync(new WeighIn(s.Bird, s.Grams), token));
}
