using System.Collections.Generic;
using System.Text.RegularExpressions;
using System.Threading;

namespace Crawling.Frontier
{
    public interface IPageFetcher
    {
        /// <summary>Returns the page body, or null when the page could not be retrieved.</summary>
        string? Fetch(Uri uri);
    }

    /// <summary>
    /// Breadth-first crawler that stays on the host of its starting page and
    /// fetches pages on thread-pool workers.
    /// </summary>
    public sealed class SiteCrawler
    {
        private static readonly Regex HrefPattern = new("href\\s*=\\s*\"([^\"#]+)\"", RegexOptions.IgnoreCase | RegexOptions.Compiled);

        private readonly IPageFetcher _fetcher;
        private readonly object _frontierLock = new();
        private readonly Queue<Uri> _frontier = new();
        private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);
        private readonly CountdownEvent _workersDone;
        private readonly int _workerCount;
        private int _inFlight;

        public SiteCrawler(IPageFetcher fetcher, int workerCount)
        {
            _fetcher = fetcher;
            _workerCount = workerCount;
            _workersDone = new CountdownEvent(workerCount);
        }

        public int PagesDiscovered
        {
            get { lock (_frontierLock) return _seen.Count; }
        }

        public void Crawl(Uri root)
        {
            lock (_frontierLock)
            {
                _seen.Add(root.AbsoluteUri);
                _frontier.Enqueue(root);
            }

            for (int i = 0; i < _workerCount; i++)
                ThreadPool.QueueUserWorkItem(_ => Worker());

            _workersDone.Wait();
        }

        private void Worker()
        {
            try
            {
                while (true)
                {
                    Uri? next;
                    lock (_frontierLock)
                    {
                        if (_frontier.TryDequeue(out next))
                            _inFlight++;
                        else if (_inFlight == 0)
                            return;
                    }

                    if (next is null)
                    {
                        Thread.Sleep(20);
                        continue;
                    }

                    var html = _fetcher.Fetch(next);
                    if (html != null)
                        EnqueueLinks(next, html);

                    lock (_frontierLock)
                        _inFlight--;
                }
            }
            finally
            {
                _workersDone.Signal();
            }
        }

        private void EnqueueLinks(Uri page, string html)
        {
            foreach (Match match in HrefPattern.Matches(html))
            {
                if (!Uri.TryCreate(page, match.Groups[1].Value, out var link))
                    continue;
                if (!string.Equals(link.Host, page.Host, StringComparison.OrdinalIgnoreCase))
                    continue;

                lock (_frontierLock)
                {
                    if (!_seen.Add(link.AbsoluteUri))
                        continue;
                }

                _frontier.Enqueue(link);
            }
        }
    }
}
