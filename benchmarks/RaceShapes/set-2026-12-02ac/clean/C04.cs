using System.Threading.Channels;

namespace Blind29.KiteFestival.Scoring;

public sealed record JudgeScore(string Flyer, string Judge, string Routine, double Points);

public sealed record LeaderboardEntry(string Flyer, double Total, int Routines);

/// <summary>
/// Collects judges' scores from the tablets on the field and keeps the festival
/// leaderboard shown on the big screen.
/// </summary>
public sealed class LeaderboardService
{
    private readonly Channel<JudgeScore> _scores = Channel.CreateUnbounded<JudgeScore>(
        new UnboundedChannelOptions { SingleReader = true });
    private IReadOnlyList<LeaderboardEntry> _published = Array.Empty<LeaderboardEntry>();
    private readonly Task _loop;

    public LeaderboardService(CancellationToken ct) => _loop = Task.Run(() => RunAsync(ct), ct);

    public bool Submit(JudgeScore score) => _scores.Writer.TryWrite(score);

    public IReadOnlyList<LeaderboardEntry> Current => Volatile.Read(ref _published);

    public async Task StopAsync()
    {
        _scores.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var totals = new Dictionary<string, (double Total, HashSet<string> Routines)>();

        while (await _scores.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            while (_scores.Reader.TryRead(out var score))
            {
                if (!totals.TryGetValue(score.Flyer, out var entry))
                {
                    entry = (0, new HashSet<string>());
                }

                entry.Routines.Add(score.Routine);
                totals[score.Flyer] = (entry.Total + score.Points, entry.Routines);
            }

            var board = totals
                .Select(t => new LeaderboardEntry(t.Key, t.Value.Total, t.Value.Routines.Count))
                .OrderByDescending(e => e.Total)
                .ToArray();
            Volatile.Write(ref _published, board);
        }
    }
}

public sealed class BigScreen
{
    private readonly LeaderboardService _service;

    public BigScreen(LeaderboardService service) => _service = service;

    public string Render(int top) =>
        string.Join('\n', _service.Current.Take(top).Select((e, i) => $"{i + 1}. {e.Flyer} {e.Total:0.0}"));
}
