using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Crawling.Workers
{
    public sealed record CrawlResult(Uri Uri, int Depth, int ContentLength);

    /// <summary>
    /// Polite crawler for a single partner site. Seeds are spread across a
    /// configurable number of worker threads.
    /// </summary>
    public sealed class PartnerSiteCrawler
    {
        private readonly Func<Uri, string, string?> _download;
        private string _userAgent = "catalog-bot/1.0";
        private string[] _disallowedPrefixes = Array.Empty<string>();
        private TimeSpan _delay = TimeSpan.FromMilliseconds(250);

        public PartnerSiteCrawler(Func<Uri, string, string?> download)
        {
            _download = download;
        }

        public IReadOnlyList<CrawlResult> Run(IReadOnlyList<Uri> seeds, string robotsTxt, int workerCount, TimeSpan delay)
        {
            _disallowedPrefixes = robotsTxt
                .Split('\n')
                .Select(l => l.Trim())
                .Where(l => l.StartsWith("Disallow:", StringComparison.OrdinalIgnoreCase))
                .Select(l => l.Substring("Disallow:".Length).Trim())
                .Where(p => p.Length > 0)
                .ToArray();
            _delay = delay;
            _userAgent = $"catalog-bot/1.0 (+workers={workerCount})";

            var threads = new Thread[workerCount];
            var results = new List<CrawlResult>[workerCount];

            for (int w = 0; w < workerCount; w++)
            {
                var slice = seeds.Where((_, i) => i % workerCount == w).ToList();
                var output = new List<CrawlResult>();
                results[w] = output;
                threads[w] = new Thread(() => Work(slice, output)) { Name = $"crawler-{w}" };
                threads[w].Start();
            }

            foreach (var thread in threads)
                thread.Join();

            return results.SelectMany(r => r).OrderBy(r => r.Uri.AbsoluteUri).ToList();
        }

        private void Work(List<Uri> slice, List<CrawlResult> output)
        {
            foreach (var uri in slice)
            {
                if (!IsAllowed(uri))
                    continue;

                var body = _download(uri, _userAgent);
                if (body != null)
                    output.Add(new CrawlResult(uri, 0, body.Length));

                Thread.Sleep(_delay);
            }
        }

        private bool IsAllowed(Uri uri) =>
            !_disallowedPrefixes.Any(prefix => uri.AbsolutePath.StartsWith(prefix, StringComparison.Ordinal));
    }
}
