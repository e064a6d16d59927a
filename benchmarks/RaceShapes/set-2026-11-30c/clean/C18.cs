namespace AdventureWorks.Catalog.Search
{
    public interface ISearchIndexSource
    {
        IReadOnlyList<(string Sku, string Title)> LoadAll();
    }

    /// <summary>
    /// In-memory title index for the storefront search box. The index is rebuilt
    /// on a timer. Singleton, queried per request.
    /// </summary>
    public sealed class TitleSearchIndex : IDisposable
    {
        private readonly object _rebuildGate = new();
        private readonly object _indexLock = new();
        private readonly ISearchIndexSource _source;
        private readonly Timer _timer;
        private Dictionary<string, List<string>> _skusByToken = new(StringComparer.OrdinalIgnoreCase);
        private DateTime _lastBuiltUtc;

        public TitleSearchIndex(ISearchIndexSource source, TimeSpan rebuildInterval)
        {
            _source = source;
            _timer = new Timer(_ => TryRebuild(), null, TimeSpan.Zero, rebuildInterval);
        }

        public DateTime LastBuiltUtc
        {
            get
            {
                lock (_indexLock)
                {
                    return _lastBuiltUtc;
                }
            }
        }

        public IReadOnlyList<string> Search(string word)
        {
            lock (_indexLock)
            {
                return _skusByToken.TryGetValue(word, out var skus) ? skus.ToArray() : Array.Empty<string>();
            }
        }

        private void TryRebuild()
        {
            if (!Monitor.TryEnter(_rebuildGate))
            {
                return;
            }

            try
            {
                var fresh = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
                foreach (var (sku, title) in _source.LoadAll())
                {
                    foreach (var token in title.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (!fresh.TryGetValue(token, out var list))
                        {
                            fresh[token] = list = new List<string>();
                        }
                        list.Add(sku);
                    }
                }

                lock (_indexLock)
                {
                    _skusByToken = fresh;
                    _lastBuiltUtc = DateTime.UtcNow;
                }
            }
            finally
            {
                Monitor.Exit(_rebuildGate);
            }
        }

        public void Dispose() => _timer.Dispose();
    }
}
