namespace Blind55.Clean.C24;

public sealed record RestorationEvent(long Offset, string PieceId, string Stage, DateTime At);

public interface ICheckpointStore
{
    Task SaveAsync(long offset, IReadOnlyDictionary<string, string> stages, CancellationToken ct);
}

/// <summary>
/// Stream processor that tracks the current restoration stage of every piece in the furniture
/// restorer's workshop. Events are processed by the consumer loop while a periodic job writes
/// checkpoints; both go through the same async gate.
/// </summary>
public sealed class RestorationStageProjection : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, string> _stageByPiece = new();
    private readonly ICheckpointStore _checkpoints;
    private long _lastOffset = -1;

    public RestorationStageProjection(ICheckpointStore checkpoints) => _checkpoints = checkpoints;

    public async Task ProcessAsync(RestorationEvent e, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (e.Offset <= _lastOffset)
            {
                return; // replayed after a restart
            }

            _stageByPiece[e.PieceId] = e.Stage;
            _lastOffset = e.Offset;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task CheckpointAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_lastOffset < 0)
            {
                return;
            }

            await _checkpoints.SaveAsync(_lastOffset, new Dictionary<string, string>(_stageByPiece), ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<string?> StageOfAsync(string pieceId, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            return _stageByPiece.TryGetValue(pieceId, out var stage) ? stage : null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}

public static class ProjectionHost
{
    public static async Task RunAsync(RestorationStageProjection projection, IAsyncEnumerable<RestorationEvent> events, CancellationToken ct)
    {
        var checkpointing = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
            while (await timer.WaitForNextTickAsync(ct))
            {
                await projection.CheckpointAsync(ct);
            }
        }, ct);

        await foreach (var e in events.WithCancellation(ct))
        {
            await projection.ProcessAsync(e, ct);
        }

        await checkpointing.ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
