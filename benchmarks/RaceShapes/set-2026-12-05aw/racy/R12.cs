using Microsoft.Extensions.Hosting;

namespace DogShows.Ring;

public sealed record Placement(string ClassName, int Rank, string DogName, string Handler, DateTime SubmittedUtc);

/// <summary>
/// Results for one show ring. Judges' tablets submit placements through the API while the
/// scoreboard service displays them; one instance per ring is shared by both.
/// </summary>
public sealed class RingResults
{
    private readonly object _gate = new();
    private readonly List<Placement> _placements = new();

    public string RingName { get; }

    public RingResults(string ringName)
    {
        RingName = ringName;
    }

    public IReadOnlyList<Placement> Placements => _placements;

    public void Submit(Placement placement)
    {
        lock (_gate)
        {
            // A judge may correct a placement; the newest submission wins.
            _placements.RemoveAll(p => p.ClassName == placement.ClassName && p.Rank == placement.Rank);
            _placements.Add(placement);
        }
    }

    public int CountForClass(string className)
    {
        lock (_gate)
        {
            return _placements.Count(p => p.ClassName == className);
        }
    }
}

public interface IScoreboardDisplay
{
    Task ShowAsync(string ring, IReadOnlyList<string> lines, CancellationToken ct);
}

/// <summary>Refreshes the big screen beside the ring every few seconds.</summary>
public sealed class ScoreboardRefresher : BackgroundService
{
    private readonly RingResults _results;
    private readonly IScoreboardDisplay _display;

    public ScoreboardRefresher(RingResults results, IScoreboardDisplay display)
    {
        _results = results;
        _display = display;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(3));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await _display.ShowAsync(_results.RingName, Render(), stoppingToken);
        }
    }

    private IReadOnlyList<string> Render()
    {
        var lines = new List<string>();
        foreach (var p in _results.Placements)
        {
            lines.Add($"{p.ClassName,-20} {p.Rank,2}. {p.DogName} ({p.Handler})");
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
