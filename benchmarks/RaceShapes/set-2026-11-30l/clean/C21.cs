using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Schemata.Migrations
{
    public sealed record Migration(long Version, string Name, string UpScript);

    public interface IMigrationStore
    {
        Task<IReadOnlyCollection<long>> LoadAppliedVersionsAsync(CancellationToken ct);
        Task ExecuteAsync(Migration migration, CancellationToken ct);
        Task RecordAppliedAsync(long version, string name, CancellationToken ct);
    }

    /// <summary>
    /// Applies schema migrations to the application database. Registered as a singleton;
    /// invoked at startup by every tenant initializer and from the admin "upgrade now" endpoint.
    /// </summary>
    public sealed class MigrationRunner
    {
        private readonly SemaphoreSlim _mutex = new(1, 1);
        private readonly IMigrationStore _store;
        private readonly IReadOnlyList<Migration> _migrations;
        private HashSet<long>? _applied;
        private DateTime? _lastRunUtc;

        public MigrationRunner(IMigrationStore store, IEnumerable<Migration> migrations)
        {
            _store = store;
            _migrations = migrations.OrderBy(m => m.Version).ToList();
        }

        public async Task<int> ApplyPendingAsync(CancellationToken ct)
        {
            await _mutex.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                var applied = await LoadAppliedAsync(ct).ConfigureAwait(false);
                int count = 0;
                foreach (var migration in _migrations)
                {
                    if (applied.Contains(migration.Version)) continue;

                    await _store.ExecuteAsync(migration, ct).ConfigureAwait(false);
                    await _store.RecordAppliedAsync(migration.Version, migration.Name, ct).ConfigureAwait(false);
                    applied.Add(migration.Version);
                    count++;
                }
                _lastRunUtc = DateTime.UtcNow;
                return count;
            }
            finally
            {
                _mutex.Release();
            }
        }

        public async Task<(IReadOnlyList<Migration> Pending, DateTime? LastRunUtc)> GetStatusAsync(CancellationToken ct)
        {
            await _mutex.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                var applied = await LoadAppliedAsync(ct).ConfigureAwait(false);
                var pending = _migrations.Where(m => !applied.Contains(m.Version)).ToList();
                return (pending, _lastRunUtc);
            }
            finally
            {
                _mutex.Release();
            }
        }

        private async Task<HashSet<long>> LoadAppliedAsync(CancellationToken ct)
        {
            if (_applied is null)
            {
                var versions = await _store.LoadAppliedVersionsAsync(ct).ConfigureAwait(false);
                _applied = new HashSet<long>(versions);
            }
            return _applied;
        }
    }
}
