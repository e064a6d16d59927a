namespace Blind63.ChessClub.Analysis;

public sealed record AnalysisRequest(string GameId, string Pgn, int Priority, DateTimeOffset SubmittedAt);

public interface IEngine
{
    Task<string> AnalyseAsync(string pgn, CancellationToken ct);
}

/// <summary>
/// Queue of games waiting for engine analysis. Members submit from the web
/// app; tournament games get a higher priority. A fixed set of engine
/// workers takes the highest-priority request available.
/// </summary>
public sealed class AnalysisQueue : IDisposable
{
    private readonly object _gate = new();
    private readonly PriorityQueue<AnalysisRequest, (int, DateTimeOffset)> _queue = new();
    private readonly SemaphoreSlim _available = new(0);

    public void Submit(AnalysisRequest request)
    {
        lock (_gate)
        {
            _queue.Enqueue(request, (-request.Priority, request.SubmittedAt));
        }
        _available.Release();
    }

    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    public async Task<AnalysisRequest> TakeAsync(CancellationToken ct)
    {
        await _available.WaitAsync(ct).ConfigureAwait(false);
        lock (_gate)
        {
            return _queue.Dequeue();
        }
    }

    public void Dispose() => _available.Dispose();
}

public sealed class EngineWorkers
{
    private readonly AnalysisQueue _queue;
    private readonly IEngine _engine;
    private readonly object _resultsGate = new();
    private readonly Dictionary<string, string> _results = new();

    public EngineWorkers(AnalysisQueue queue, IEngine engine) => (_queue, _engine) = (queue, engine);

    public Task RunAsync(int workers, CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkAsync(ct), ct)));

    private async Task WorkAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            AnalysisRequest request;
            try
            {
                request = await _queue.TakeAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            string analysis = await _engine.AnalyseAsync(request.Pgn, ct).ConfigureAwait(false);
            lock (_resultsGate)
            {
                _results[request.GameId] = analysis;
            }
        }
    }

    public string? ResultFor(string gameId)
    {
        lock (_resultsGate)
        {
            return _results.GetValueOrDefault(gameId);
        }
    }
}
