using System.Threading.Channels;

namespace Blind37.ClogDancing.Scoring;

public sealed record ScoreSubmission(string Judge, int DancerNumber, double Timing, double Style, double Footwork);

public sealed record DancerStanding(int DancerNumber, double Total, int Scorecards);

/// <summary>
/// Collects judges' scorecards during a clog dancing competition. Judges submit from
/// their tablets concurrently; a single reader loop applies the cards in arrival order
/// and acknowledges each one once it has been counted.
/// </summary>
public sealed class ScorecardDesk : IAsyncDisposable
{
    private readonly Channel<(ScoreSubmission Card, TaskCompletionSource<DancerStanding> Ack)> _cards =
        Channel.CreateUnbounded<(ScoreSubmission, TaskCompletionSource<DancerStanding>)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Dictionary<int, DancerStanding> _standings = new();
    private readonly HashSet<(string Judge, int Dancer)> _seen = new();
    private readonly Task _reader;
    private volatile IReadOnlyList<DancerStanding> _leaderboard = Array.Empty<DancerStanding>();

    public ScorecardDesk()
    {
        _reader = Task.Run(ReadLoopAsync);
    }

    public IReadOnlyList<DancerStanding> Leaderboard => _leaderboard;

    public async Task<DancerStanding> SubmitAsync(ScoreSubmission card, CancellationToken cancellationToken)
    {
        var ack = new TaskCompletionSource<DancerStanding>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _cards.Writer.WriteAsync((card, ack), cancellationToken).ConfigureAwait(false);
        return await ack.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ReadLoopAsync()
    {
        await foreach (var (card, ack) in _cards.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (!_seen.Add((card.Judge, card.DancerNumber)))
            {
                ack.TrySetException(new InvalidOperationException($"{card.Judge} already scored dancer {card.DancerNumber}."));
                continue;
            }

            var previous = _standings.GetValueOrDefault(card.DancerNumber) ?? new DancerStanding(card.DancerNumber, 0, 0);
            var updated = previous with
            {
                Total = previous.Total + card.Timing + card.Style + card.Footwork,
                Scorecards = previous.Scorecards + 1,
            };
            _standings[card.DancerNumber] = updated;
            _leaderboard = _standings.Values.OrderByDescending(s => s.Total).ToArray();
            ack.TrySetResult(updated);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _cards.Writer.TryComplete();
        await _reader.ConfigureAwait(false);
    }
}
