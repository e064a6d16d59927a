using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Polyglot.Terminology
{
    public readonly record struct TermKey(string Language, string Term);

    public sealed record TermEntry(string Term, string Preferred, IReadOnlyList<string> Forbidden, string Domain);

    /// <summary>
    /// Terminology base shared by all open editors of a localization project. Registered as a
    /// singleton; editors call <see cref="Lookup"/> on background threads while the translator
    /// types, and the reporting view calls <see cref="HitCounts"/>.
    /// </summary>
    public sealed class TermBaseService
    {
        private readonly ConcurrentDictionary<TermKey, TermEntry> _entries = new();
        private readonly ConcurrentDictionary<TermKey, int> _hits = new();

        public void Import(string language, IEnumerable<TermEntry> entries)
        {
            foreach (var entry in entries)
            {
                var key = new TermKey(language, Fold(entry.Term));
                _entries.AddOrUpdate(key, entry, (_, _) => entry);
            }
        }

        public TermEntry? Lookup(string language, string term)
        {
            var key = new TermKey(language, Fold(term));
            if (!_entries.TryGetValue(key, out var entry))
                return null;

            _hits.AddOrUpdate(key, 1, (_, count) => count + 1);
            return entry;
        }

        public IReadOnlyList<(string Term, int Hits)> HitCounts(string language) =>
            _hits.Where(p => p.Key.Language == language)
                 .OrderByDescending(p => p.Value)
                 .Select(p => (p.Key.Term, p.Value))
                 .ToList();

        public IEnumerable<string> CheckForbidden(string language, IEnumerable<string> words)
        {
            foreach (var word in words)
            {
                var folded = Fold(word);
                foreach (var (key, entry) in _entries)
                {
                    if (key.Language == language && entry.Forbidden.Any(f => Fold(f) == folded))
                        yield return $"'{word}' is listed as forbidden; use '{entry.Preferred}'";
                }
            }
        }

        private static string Fold(string text) =>
            text.Trim().ToLower(CultureInfo.InvariantCulture);
    }
}
