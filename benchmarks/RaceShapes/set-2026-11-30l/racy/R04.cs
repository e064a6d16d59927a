using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Polyglot.TranslationMemory
{
    public readonly record struct SegmentKey(string SourceLanguage, string TargetLanguage, string NormalizedSource);

    public sealed record TranslationUnit(string SourceText, string TargetText, string Translator, DateTime CreatedUtc);

    /// <summary>
    /// Project-wide translation memory. Registered as a singleton in the editor host;
    /// every open document's editor session calls <see cref="TryLookup"/> as the
    /// translator moves between segments, and the QA panel calls <see cref="MostUsed"/>.
    /// </summary>
    public sealed class TranslationMemoryService
    {
        private readonly ConcurrentDictionary<SegmentKey, TranslationUnit> _units = new();
        private readonly ConcurrentDictionary<SegmentKey, int> _usage = new();

        public void Store(string sourceLanguage, string targetLanguage, string source, string target, string translator)
        {
            var key = new SegmentKey(sourceLanguage, targetLanguage, NormalizeSegment(source));
            var unit = new TranslationUnit(source, target, translator, DateTime.UtcNow);
            _units.AddOrUpdate(key, unit, (_, _) => unit);
        }

        public bool TryLookup(string sourceLanguage, string targetLanguage, string source, out string? translation)
        {
            var key = new SegmentKey(sourceLanguage, targetLanguage, NormalizeSegment(source));
            if (!_units.TryGetValue(key, out var unit))
            {
                translation = null;
                return false;
            }

            if (_usage.TryGetValue(key, out int uses))
                _usage[key] = uses + 1;
            else
                _usage[key] = 1;

            translation = unit.TargetText;
            return true;
        }

        public IReadOnlyList<(string Source, int Uses)> MostUsed(int count) =>
            _usage.OrderByDescending(p => p.Value)
                  .Take(count)
                  .Select(p => (_units.TryGetValue(p.Key, out var u) ? u.SourceText : p.Key.NormalizedSource, p.Value))
                  .ToList();

        private static string NormalizeSegment(string text)
        {
            var builder = new StringBuilder(text.Length);
            bool pendingSpace = false;
            foreach (char c in text.Trim().Normalize(NormalizationForm.FormC))
            {
                if (char.IsWhiteSpace(c))
                {
                    pendingSpace = true;
                    continue;
                }
                if (pendingSpace && builder.Length > 0) builder.Append(' ');
                pendingSpace = false;
                builder.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
            return builder.ToString();
        }
    }
}
