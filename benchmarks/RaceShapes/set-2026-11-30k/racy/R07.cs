using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Search.Indexing
{
    /// <summary>
    /// In-memory inverted index for the product catalogue. One instance is
    /// shared by all indexing workers and by the query service.
    /// </summary>
    public sealed class InvertedIndex
    {
        private readonly object _sync = new();
        private readonly Dictionary<string, List<int>> _postings = new(StringComparer.Ordinal);
        private int _documentCount;

        public int DocumentCount => Volatile.Read(ref _documentCount);

        public void AddDocument(int documentId, IEnumerable<string> tokens)
        {
            foreach (var term in tokens.Distinct(StringComparer.Ordinal))
            {
                List<int>? postings;
                lock (_sync)
                {
                    if (!_postings.TryGetValue(term, out postings))
                    {
                        postings = new List<int>();
                        _postings.Add(term, postings);
                    }
                }

                postings.Add(documentId);
            }

            Interlocked.Increment(ref _documentCount);
        }

        public IReadOnlyList<int> Lookup(string term)
        {
            lock (_sync)
            {
                return _postings.TryGetValue(term, out var postings)
                    ? postings.ToArray()
                    : Array.Empty<int>();
            }
        }

        public IReadOnlyList<int> LookupAll(IReadOnlyList<string> terms)
        {
            if (terms.Count == 0)
                return Array.Empty<int>();

            IEnumerable<int> result = Lookup(terms[0]);
            for (int i = 1; i < terms.Count; i++)
                result = result.Intersect(Lookup(terms[i]));

            return result.OrderBy(id => id).ToList();
        }

        public double InverseDocumentFrequency(string term)
        {
            int df = Lookup(term).Count;
            int n = DocumentCount;
            return Math.Log((n - df + 0.5) / (df + 0.5) + 1.0);
        }
    }
}
