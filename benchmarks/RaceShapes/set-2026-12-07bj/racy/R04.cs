using System;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;

namespace Blind62.CiderPress.Readings
{
    public sealed record PressReading(string PressId, double PressureBar, double JuiceLitres, DateTimeOffset TakenAt);

    public interface IPressControllerClient
    {
        Task<PressReading> ReadAsync(string pressId, CancellationToken cancellationToken);
    }

    /// <summary>
    /// Collapses concurrent requests for the same press into a single call to the PLC
    /// gateway, which only tolerates one outstanding request per press. Registered as
    /// a singleton and used by the dashboard hub and the REST endpoints.
    /// </summary>
    public sealed class PressReadingCoalescer
    {
        private readonly IPressControllerClient _client;
        private ImmutableDictionary<string, Task<PressReading>> _inflight =
            ImmutableDictionary<string, Task<PressReading>>.Empty.WithComparers(StringComparer.Ordinal);

        public PressReadingCoalescer(IPressControllerClient client)
        {
            _client = client;
        }

        public int InflightCount => Volatile.Read(ref _inflight).Count;

        public Task<PressReading> GetReadingAsync(string pressId)
        {
            ArgumentException.ThrowIfNullOrEmpty(pressId);

            var current = Volatile.Read(ref _inflight);
            if (current.TryGetValue(pressId, out var existing))
            {
                return existing;
            }

            var fetch = FetchAndForgetAsync(pressId);
            _inflight = current.SetItem(pressId, fetch);
            return fetch;
        }

        private async Task<PressReading> FetchAndForgetAsync(string pressId)
        {
            // let the caller register the task before the request goes out
            await Task.Yield();
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                return await _client.ReadAsync(pressId, timeout.Token).ConfigureAwait(false);
            }
            finally
            {
                ImmutableInterlocked.TryRemove(ref _inflight, pressId, out _);
            }
        }
    }
}
