namespace Fabrikam.Sync
{
    public interface IRemoteInventory
    {
        Task<IReadOnlyDictionary<string, int>> FetchStockLevelsAsync(CancellationToken cancellationToken);
    }

    public interface ILocalInventory
    {
        Task ApplyAsync(IReadOnlyDictionary<string, int> levels, CancellationToken cancellationToken);
    }

    /// <summary>
    /// Pulls stock levels from the ERP every few seconds. When the ERP is slow,
    /// ticks that arrive during a sync are counted as skipped.
    /// </summary>
    public sealed class InventorySyncService : IDisposable
    {
        private readonly IRemoteInventory _remote;
        private readonly ILocalInventory _local;
        private readonly CancellationTokenSource _stopping = new();
        private readonly Timer _timer;
        private int _running;
        private long _completedSyncs;
        private long _skippedTicks;
        private long _lastSuccessTicks;

        public InventorySyncService(IRemoteInventory remote, ILocalInventory local, TimeSpan period)
        {
            _remote = remote;
            _local = local;
            _timer = new Timer(OnTick, null, period, period);
        }

        public long CompletedSyncs => Interlocked.Read(ref _completedSyncs);
        public long SkippedTicks => Interlocked.Read(ref _skippedTicks);
        public DateTime? LastSuccessUtc
        {
            get
            {
                var ticks = Interlocked.Read(ref _lastSuccessTicks);
                return ticks == 0 ? null : new DateTime(ticks, DateTimeKind.Utc);
            }
        }

        private async void OnTick(object? state)
        {
            if (Interlocked.Exchange(ref _running, 1) == 1)
            {
                Interlocked.Increment(ref _skippedTicks);
                return;
            }

            try
            {
                var levels = await _remote.FetchStockLevelsAsync(_stopping.Token).ConfigureAwait(false);
                await _local.ApplyAsync(levels, _stopping.Token).ConfigureAwait(false);
                Interlocked.Increment(ref _completedSyncs);
                Interlocked.Exchange(ref _lastSuccessTicks, DateTime.UtcNow.Ticks);
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception ex)
            {
                System.Diagnostics.Trace.TraceError("Inventory sync failed: {0}", ex);
            }
            finally
            {
                Volatile.Write(ref _running, 0);
            }
        }

        public void Dispose()
        {
            _stopping.Cancel();
            _timer.Dispose();
        }
    }
}
