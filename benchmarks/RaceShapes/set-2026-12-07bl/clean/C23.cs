using System.Collections.Concurrent;

namespace Blind64.AirTankers.Sorties
{
    public sealed record SortiePlan(string SortieId, string Tanker, string FireId);

    /// <summary>A queued sortie that can be called off until it finishes.</summary>
    internal sealed class QueuedSortie
    {
        private readonly object _gate = new();
        private readonly CancellationTokenSource _cts = new();
        private bool _finished;

        public QueuedSortie(SortiePlan plan) => Plan = plan;

        public SortiePlan Plan { get; }
        public CancellationToken Token => _cts.Token;

        public bool TryCallOff()
        {
            lock (_gate)
            {
                if (_finished)
                {
                    return false;
                }

                _cts.Cancel();
                return true;
            }
        }

        public void MarkFinished()
        {
            lock (_gate)
            {
                _finished = true;
            }

            _cts.Dispose();
        }
    }

    /// <summary>
    /// Runs queued air tanker sorties with a fixed number of loading pits working in parallel.
    /// The incident commander can call off any sortie that has not finished yet.
    /// </summary>
    public sealed class SortieRunner
    {
        private readonly ConcurrentDictionary<string, QueuedSortie> _active = new();
        private readonly SemaphoreSlim _loadingPits;
        private readonly Func<SortiePlan, CancellationToken, Task> _fly;

        public SortieRunner(int pits, Func<SortiePlan, CancellationToken, Task> fly)
        {
            _loadingPits = new SemaphoreSlim(pits, pits);
            _fly = fly;
        }

        public async Task<bool> RunAsync(SortiePlan plan)
        {
            var sortie = new QueuedSortie(plan);
            if (!_active.TryAdd(plan.SortieId, sortie))
            {
                sortie.MarkFinished();
                return false;
            }

            try
            {
                await _loadingPits.WaitAsync(sortie.Token).ConfigureAwait(false);
                try
                {
                    await _fly(plan, sortie.Token).ConfigureAwait(false);
                    return true;
                }
                finally
                {
                    _loadingPits.Release();
                }
            }
            catch (OperationCanceledException)
            {
                return false;
            }
            finally
            {
                _active.TryRemove(plan.SortieId, out _);
                sortie.MarkFinished();
            }
        }

        public bool CallOff(string sortieId) =>
            _active.TryGetValue(sortieId, out var sortie) && sortie.TryCallOff();
    }
}
