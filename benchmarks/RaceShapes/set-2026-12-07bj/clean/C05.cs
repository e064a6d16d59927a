using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Blind62.CiderPress.Batches
{
    public sealed record PressBatch(string BatchId, string Orchard, double Brix, double Litres);

    public interface IBatchLedgerClient
    {
        Task<PressBatch?> LoadAsync(string batchId, CancellationToken cancellationToken);
    }

    /// <summary>
    /// Deduplicates concurrent lookups of the same pressing batch against the
    /// co-operative's ledger service. Shared by all cellar tablets via DI.
    /// </summary>
    public sealed class BatchLookupCoalescer
    {
        private readonly ConcurrentDictionary<string, Lazy<Task<PressBatch?>>> _inflight = new(StringComparer.Ordinal);
        private readonly IBatchLedgerClient _client;
        private long _ledgerCalls;

        public BatchLookupCoalescer(IBatchLedgerClient client)
        {
            _client = client;
        }

        public long LedgerCalls => Interlocked.Read(ref _ledgerCalls);

        public Task<PressBatch?> GetAsync(string batchId)
        {
            ArgumentException.ThrowIfNullOrEmpty(batchId);

            Lazy<Task<PressBatch?>>? candidate = null;
            candidate = new Lazy<Task<PressBatch?>>(
                () => LoadAndRemoveAsync(batchId, candidate!),
                LazyThreadSafetyMode.ExecutionAndPublication);

            var winner = _inflight.GetOrAdd(batchId, candidate);
            return winner.Value;
        }

        private async Task<PressBatch?> LoadAndRemoveAsync(string batchId, Lazy<Task<PressBatch?>> entry)
        {
            Interlocked.Increment(ref _ledgerCalls);
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                return await _client.LoadAsync(batchId, cts.Token).ConfigureAwait(false);
            }
            finally
            {
                // only remove the entry this call belongs to, not a newer one
                _inflight.TryRemove(new KeyValuePair<string, Lazy<Task<PressBatch?>>>(batchId, entry));
            }
        }
    }
}
