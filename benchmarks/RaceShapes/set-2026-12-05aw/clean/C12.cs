using System.Collections.Immutable;
using Microsoft.Extensions.Hosting;

namespace DogShows.Agility;

public sealed record AgilityRun(string DogName, string Handler, double Seconds, int Faults, DateTime RunUtc);

/// <summary>
/// Results for the agility ring. Ring stewards' tablets post runs concurrently; the scoreboard
/// and the results API read the list.
/// </summary>
public sealed class AgilityResults
{
    private ImmutableList<AgilityRun> _runs = ImmutableList<AgilityRun>.Empty;

    public IReadOnlyList<AgilityRun> Runs => Volatile.Read(ref _runs);

    public void Post(AgilityRun run)
    {
        ImmutableInterlocked.Update(ref _runs, (list, r) =>
        {
            // A re-run for the same dog replaces the earlier one.
            var existing = list.FindIndex(x => x.DogName == r.DogName);
            return existing >= 0 ? list.SetItem(existing, r) : list.Add(r);
        }, run);
    }

    public bool Withdraw(string dogName)
    {
        bool removed = false;
        ImmutableInterlocked.Update(ref _runs, list =>
        {
            int idx = list.FindIndex(x => x.DogName == dogName);
            removed = idx >= 0;
            return removed ? list.RemoveAt(idx) : list;
        });
        return removed;
    }

    public IReadOnlyList<AgilityRun> Standings() =>
        Runs.OrderBy(r => r.Faults).ThenBy(r => r.Seconds).ToList();
}

public interface IRingScreen
{
    Task ShowAsync(IReadOnlyList<string> lines, CancellationToken ct);
}

/// <summary>Refreshes the big screen by the agility ring.</summary>
public sealed class AgilityScoreboard : BackgroundService
{
    private readonly AgilityResults _results;
    private readonly IRingScreen _screen;

    public AgilityScoreboard(AgilityResults results, IRingScreen screen)
    {
        _results = results;
        _screen = screen;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(3));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var lines = new List<string>();
            int place = 1;
            foreach (var run in _results.Standings())
            {
                lines.Add($"{place++,2}. {run.DogName,-18} {run.Seconds,6:F2}s  {run.Faults} faults");
            }
            await _screen.ShowAsync(lines, stoppingToken);
        }
    }
}
