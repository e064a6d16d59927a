namespace Blind31.BorderCollieTrials.Scoring;

public sealed record RunScore(string Handler, string Dog, int Outrun, int Lift, int Fetch, int Drive, int Pen, TimeSpan Time)
{
    public int Total => Outrun + Lift + Fetch + Drive + Pen;
}

public interface IScoreArchive
{
    Task SaveAsync(RunScore score, CancellationToken ct);
}

/// <summary>
/// Live scoreboard for a sheepdog trial. Judges' tablets submit scores concurrently and
/// the commentary box reads the leaderboard; registered as a singleton in the trial's web app.
/// </summary>
public sealed class TrialScoreboard
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, RunScore> _bestByDog = new(StringComparer.OrdinalIgnoreCase);
    private readonly IScoreArchive _archive;
    private int _runsJudged;
    private RunScore? _leader;

    public TrialScoreboard(IScoreArchive archive)
    {
        _archive = archive;
    }

    public async Task SubmitAsync(RunScore score, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // The archive write is part of the submission so that the board never shows
            // a score that has not been saved.
            await _archive.SaveAsync(score, ct).ConfigureAwait(false);

            _runsJudged++;
            if (!_bestByDog.TryGetValue(score.Dog, out var previous) || score.Total > previous.Total)
            {
                _bestByDog[score.Dog] = score;
            }

            if (_leader is null || score.Total > _leader.Total ||
                (score.Total == _leader.Total && score.Time < _leader.Time))
            {
                _leader = score;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<(RunScore? Leader, int RunsJudged, IReadOnlyList<RunScore> Top)> LeaderboardAsync(int count, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var top = _bestByDog.Values
                .OrderByDescending(s => s.Total)
                .ThenBy(s => s.Time)
                .Take(count)
                .ToList();
            return (_leader, _runsJudged, top);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task ResetAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _bestByDog.Clear();
            _runsJudged = 0;
            _leader = null;
        }
        finally
        {
            _gate.Release();
        }
    }
}
