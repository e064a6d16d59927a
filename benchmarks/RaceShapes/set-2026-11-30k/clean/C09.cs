using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace MobileSync.Engine
{
    public sealed record ChangeRecord(string EntityId, long Version, string Payload, bool Deleted);

    public interface ISyncServer
    {
        Task PushAsync(IReadOnlyList<ChangeRecord> changes, CancellationToken cancellationToken);
        Task<(IReadOnlyList<ChangeRecord> Changes, long NextToken)> PullAsync(long sinceToken, CancellationToken cancellationToken);
    }

    /// <summary>
    /// Offline-first sync engine of the field-service app. Sync runs are
    /// triggered by connectivity changes, pull-to-refresh and a background
    /// timer; screens save and read records at the same time.
    /// </summary>
    public sealed class SyncEngine
    {
        private readonly ISyncServer _server;
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly Dictionary<string, ChangeRecord> _localStore = new(StringComparer.Ordinal);
        private readonly List<ChangeRecord> _outbox = new();
        private long _syncToken;

        public SyncEngine(ISyncServer server)
        {
            _server = server;
        }

        public async Task SaveLocalAsync(ChangeRecord change, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                _localStore[change.EntityId] = change;
                _outbox.Add(change);
            }
            finally
            {
                _gate.Release();
            }
        }

        public async Task<ChangeRecord?> GetAsync(string entityId, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return _localStore.TryGetValue(entityId, out var record) && !record.Deleted ? record : null;
            }
            finally
            {
                _gate.Release();
            }
        }

        public async Task SyncAsync(CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_outbox.Count > 0)
                {
                    var pending = _outbox.ToArray();
                    await _server.PushAsync(pending, cancellationToken).ConfigureAwait(false);
                    _outbox.RemoveRange(0, pending.Length);
                }

                var (incoming, nextToken) = await _server.PullAsync(_syncToken, cancellationToken).ConfigureAwait(false);
                foreach (var change in incoming.OrderBy(c => c.Version))
                {
                    if (_localStore.TryGetValue(change.EntityId, out var existing) && existing.Version >= change.Version)
                        continue;
                    _localStore[change.EntityId] = change;
                }

                _syncToken = nextToken;
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
