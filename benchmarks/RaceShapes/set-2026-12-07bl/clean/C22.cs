namespace Blind64.Avalanche.Charges
{
    public sealed record ChargeSite(string SiteId, string Path, int ChargesPlaced, DateTimeOffset? LastShotAt);

    /// <summary>
    /// Inventory of explosive control sites along the avalanche paths. App-wide singleton:
    /// the blasting crew's tablet records shots while the public closure map and the
    /// reporting jobs read the inventory.
    /// </summary>
    public sealed class ChargeSiteInventory : IDisposable
    {
        private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
        private readonly Dictionary<string, ChargeSite> _sites = new(StringComparer.OrdinalIgnoreCase);

        public void Register(string siteId, string path)
        {
            _lock.EnterUpgradeableReadLock();
            try
            {
                if (_sites.ContainsKey(siteId))
                {
                    return;
                }

                _lock.EnterWriteLock();
                try
                {
                    _sites[siteId] = new ChargeSite(siteId, path, 0, null);
                }
                finally
                {
                    _lock.ExitWriteLock();
                }
            }
            finally
            {
                _lock.ExitUpgradeableReadLock();
            }
        }

        public bool RecordShot(string siteId, int charges, DateTimeOffset at)
        {
            _lock.EnterWriteLock();
            try
            {
                if (!_sites.TryGetValue(siteId, out var site))
                {
                    return false;
                }

                _sites[siteId] = site with { ChargesPlaced = site.ChargesPlaced + charges, LastShotAt = at };
                return true;
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }

        public ChargeSite? Find(string siteId)
        {
            _lock.EnterReadLock();
            try
            {
                return _sites.TryGetValue(siteId, out var site) ? site : null;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }

        public IReadOnlyList<ChargeSite> ShotSince(DateTimeOffset since)
        {
            _lock.EnterReadLock();
            try
            {
                return _sites.Values.Where(s => s.LastShotAt >= since).OrderBy(s => s.Path).ToList();
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }

        public void Dispose() => _lock.Dispose();
    }
}
