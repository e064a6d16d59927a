using System.Collections.Generic;
using System.Threading;

namespace Search.Ranking
{
    /// <summary>
    /// Corpus statistics used for BM25 scoring. Query threads read them
    /// constantly; the index refresher updates them after each segment merge.
    /// </summary>
    public sealed class CorpusStatistics : IDisposable
    {
        private const double K1 = 1.2;
        private const double B = 0.75;

        private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
        private readonly Dictionary<string, int> _documentFrequency = new(StringComparer.Ordinal);
        private int _documentCount;
        private long _totalLength;

        public double Score(IReadOnlyDictionary<string, int> termFrequencies, int documentLength, IEnumerable<string> queryTerms)
        {
            _lock.EnterReadLock();
            try
            {
                if (_documentCount == 0)
                    return 0;

                double averageLength = (double)_totalLength / _documentCount;
                double score = 0;

                foreach (var term in queryTerms)
                {
                    if (!termFrequencies.TryGetValue(term, out var tf) || tf == 0)
                        continue;

                    int df = _documentFrequency.TryGetValue(term, out var d) ? d : 0;
                    double idf = Math.Log(1 + (_documentCount - df + 0.5) / (df + 0.5));
                    double norm = tf * (K1 + 1) / (tf + K1 * (1 - B + B * documentLength / averageLength));
                    score += idf * norm;
                }

                return score;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }

        public void ApplySegment(IReadOnlyDictionary<string, int> segmentFrequencies, int segmentDocuments, long segmentLength)
        {
            _lock.EnterWriteLock();
            try
            {
                foreach (var (term, count) in segmentFrequencies)
                    _documentFrequency[term] = _documentFrequency.GetValueOrDefault(term) + count;

                _documentCount += segmentDocuments;
                _totalLength += segmentLength;
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }

        public void RemoveSegment(IReadOnlyDictionary<string, int> segmentFrequencies, int segmentDocuments, long segmentLength)
        {
            _lock.EnterWriteLock();
            try
            {
                foreach (var (term, count) in segmentFrequencies)
                {
                    int remaining = _documentFrequency.GetValueOrDefault(term) - count;
                    if (remaining > 0)
                        _documentFrequency[term] = remaining;
                    else
                        _documentFrequency.Remove(term);
                }

                _documentCount = Math.Max(0, _documentCount - segmentDocuments);
                _totalLength = Math.Max(0, _totalLength - segmentLength);
            }
            finally
            {
                _lock.ExitWriteLock();
            }
        }

        public void Dispose() => _lock.Dispose();
    }
}
