using System.Collections.Frozen;
using System.Collections.Generic;
using System.IO;
using System.Threading;

namespace Search.Text
{
    /// <summary>
    /// WordPiece tokenizer used by the semantic search encoder. One instance
    /// is shared by all query threads and indexing workers; the vocabulary is
    /// loaded on first use.
    /// </summary>
    public sealed class WordPieceTokenizer
    {
        private const string ContinuationPrefix = "##";
        private const int UnknownTokenId = 100;

        private readonly Lazy<FrozenDictionary<string, int>> _vocabulary;

        public WordPieceTokenizer(string vocabularyPath)
        {
            _vocabulary = new Lazy<FrozenDictionary<string, int>>(
                () => LoadVocabulary(vocabularyPath),
                LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public IReadOnlyList<int> Tokenize(string text)
        {
            var vocabulary = _vocabulary.Value;
            var ids = new List<int>();

            foreach (var word in text.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                int start = 0;
                var pieces = new List<int>();
                while (start < word.Length)
                {
                    int end = word.Length;
                    int found = -1;
                    while (end > start)
                    {
                        var piece = start == 0 ? word[start..end] : ContinuationPrefix + word[start..end];
                        if (vocabulary.TryGetValue(piece, out var id))
                        {
                            found = id;
                            break;
                        }
                        end--;
                    }

                    if (found < 0)
                    {
                        pieces.Clear();
                        pieces.Add(UnknownTokenId);
                        break;
                    }

                    pieces.Add(found);
                    start = end;
                }

                ids.AddRange(pieces);
            }

            return ids;
        }

        private static FrozenDictionary<string, int> LoadVocabulary(string path)
        {
            var entries = new Dictionary<string, int>(StringComparer.Ordinal);
            int id = 0;
            foreach (var line in File.ReadLines(path))
            {
                var token = line.Trim();
                if (token.Length > 0)
                    entries.TryAdd(token, id);
                id++;
            }

            return entries.ToFrozenDictionary(StringComparer.Ordinal);
        }
    }
}
