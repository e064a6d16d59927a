namespace WingTip.Messaging.Leases
{
    public interface ILeaseStore
    {
        Task<bool> TryRenewAsync(string resource, string owner, TimeSpan duration, CancellationToken cancellationToken);
    }

    /// <summary>
    /// Keeps a distributed lease alive while this instance owns a partition.
    /// Renewal happens at a third of the lease duration and is retried every
    /// second after a failure.
    /// </summary>
    public sealed class LeaseRenewer : IDisposable
    {
        private readonly ILeaseStore _store;
        private readonly string _resource;
        private readonly string _owner;
        private readonly TimeSpan _leaseDuration;
        private readonly TimeSpan _renewEvery;
        private readonly CancellationTokenSource _cts = new();
        private readonly Timer _timer;
        private int _consecutiveFailures;
        private DateTime _lastRenewedUtc;
        private volatile bool _lost;

        public LeaseRenewer(ILeaseStore store, string resource, string owner, TimeSpan leaseDuration)
        {
            _store = store;
            _resource = resource;
            _owner = owner;
            _leaseDuration = leaseDuration;
            _renewEvery = leaseDuration / 3;
            _lastRenewedUtc = DateTime.UtcNow;
            _timer = new Timer(OnTimer, null, Timeout.Infinite, Timeout.Infinite);
            _timer.Change(_renewEvery, Timeout.InfiniteTimeSpan);
        }

        /// <summary>True once the lease could not be renewed before it expired.</summary>
        public bool IsLost => _lost;

        private async void OnTimer(object? state)
        {
            try
            {
                var renewed = await _store.TryRenewAsync(_resource, _owner, _leaseDuration, _cts.Token).ConfigureAwait(false);
                if (renewed)
                {
                    _consecutiveFailures = 0;
                    _lastRenewedUtc = DateTime.UtcNow;
                }
                else
                {
                    _consecutiveFailures++;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex)
            {
                _consecutiveFailures++;
                System.Diagnostics.Trace.TraceWarning("Lease renewal for {0} failed ({1}): {2}", _resource, _consecutiveFailures, ex.Message);
            }

            if (DateTime.UtcNow - _lastRenewedUtc >= _leaseDuration)
            {
                _lost = true;
                return;
            }

            try
            {
                var delay = _consecutiveFailures == 0 ? _renewEvery : TimeSpan.FromSeconds(1);
                _timer.Change(delay, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
            }
        }

        public void Dispose()
        {
            _cts.Cancel();
            _timer.Dispose();
        }
    }
}
