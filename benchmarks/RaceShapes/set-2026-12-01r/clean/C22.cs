namespace Rowing.Regatta.Timing;

public sealed record LaneFinish(int Lane, string Crew, TimeSpan Elapsed);

public sealed class RaceResult
{
    public RaceResult(int raceNumber) => RaceNumber = raceNumber;

    public int RaceNumber { get; }
    public List<LaneFinish> Finishes { get; } = new();
    public string? PhotoFinishImage { get; set; }
}

/// <summary>
/// Collects finish-line events for one race from the timing hardware thread and hands
/// the completed result to whoever is awaiting it (results board, commentary feed).
/// </summary>
public sealed class RaceFinishCollector
{
    private readonly int _lanes;
    private readonly RaceResult _result;
    private readonly TaskCompletionSource<RaceResult> _completed =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly DateTime _startedAt;

    public RaceFinishCollector(int raceNumber, int lanes, DateTime startedAt)
    {
        _lanes = lanes;
        _startedAt = startedAt;
        _result = new RaceResult(raceNumber);
    }

    public Task<RaceResult> Completion => _completed.Task;

    /// <summary>
    /// Called by the timing hardware's event thread once per boat crossing the line.
    /// </summary>
    public void OnBeamBroken(int lane, string crew, DateTime at, string? photo)
    {
        if (_completed.Task.IsCompleted)
        {
            return;
        }

        _result.Finishes.Add(new LaneFinish(lane, crew, at - _startedAt));
        if (photo is not null)
        {
            _result.PhotoFinishImage = photo;
        }

        if (_result.Finishes.Count == _lanes)
        {
            _result.Finishes.Sort((a, b) => a.Elapsed.CompareTo(b.Elapsed));
            _completed.TrySetResult(_result);
        }
    }
}

public sealed class ResultsBoard
{
    public async Task<string> ShowAsync(RaceFinishCollector collector, CancellationToken ct)
    {
        var result = await collector.Completion.WaitAsync(ct);
        var lines = result.Finishes.Select((f, i) => $"{i + 1}. Lane {f.Lane} {f.Crew} {f.Elapsed:mm\\:ss\\.ff}");
        var photo = result.PhotoFinishImage is null ? string.Empty : $" (photo: {result.PhotoFinishImage})";
        return $"Race {result.RaceNumber}{photo}{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
    }
}
