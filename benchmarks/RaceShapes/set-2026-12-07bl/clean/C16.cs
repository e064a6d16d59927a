using System.Collections.Concurrent;

namespace Blind64.TeaAuction.Brokers
{
    /// <summary>
    /// Per-broker limits for the tea auction's lot-valuation API: at most a few valuations
    /// in flight at once, and a cap on valuations per hour. Singleton used by all requests.
    /// </summary>
    public sealed class BrokerValuationLimiter : IAsyncDisposable
    {
        private sealed class BrokerState
        {
            public readonly SemaphoreSlim InFlight;
            public readonly object Gate = new();
            public int UsedThisHour;
            public readonly int HourlyCap;

            public BrokerState(int concurrent, int hourlyCap)
            {
                InFlight = new SemaphoreSlim(concurrent, concurrent);
                HourlyCap = hourlyCap;
            }
        }

        private readonly ConcurrentDictionary<string, BrokerState> _brokers = new();
        private readonly PeriodicTimer _hourly = new(TimeSpan.FromHours(1));
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _resetLoop;

        public BrokerValuationLimiter()
        {
            _resetLoop = ResetLoopAsync();
        }

        public async Task<T?> RunAsync<T>(string brokerId, Func<CancellationToken, Task<T>> valuation, CancellationToken ct)
            where T : class
        {
            var state = _brokers.GetOrAdd(brokerId, _ => new BrokerState(concurrent: 3, hourlyCap: 500));

            lock (state.Gate)
            {
                if (state.UsedThisHour >= state.HourlyCap)
                {
                    return null;
                }

                state.UsedThisHour++;
            }

            await state.InFlight.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                return await valuation(ct).ConfigureAwait(false);
            }
            finally
            {
                state.InFlight.Release();
            }
        }

        private async Task ResetLoopAsync()
        {
            try
            {
                while (await _hourly.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
                {
                    foreach (var state in _brokers.Values)
                    {
                        lock (state.Gate)
                        {
                            state.UsedThisHour = 0;
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            await _resetLoop.ConfigureAwait(false);
            _hourly.Dispose();
            _stop.Dispose();
        }
    }
}
