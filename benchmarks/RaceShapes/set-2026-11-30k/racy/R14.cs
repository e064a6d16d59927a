using System.Collections.Generic;
using System.Linq;

namespace Features.Encoding
{
    /// <summary>
    /// Assigns dense integer ids to categorical values. Ids are shared by all
    /// encoders for the same feature type so that every shard of a training
    /// run produces compatible vectors.
    /// </summary>
    public sealed class CategoricalEncoder<TFeature>
    {
        private static readonly Dictionary<string, int> Vocabulary = new(StringComparer.Ordinal);

        private readonly object _gate = new();

        public int Encode(string? value)
        {
            var key = string.IsNullOrWhiteSpace(value) ? "<unknown>" : value.Trim().ToLowerInvariant();

            lock (_gate)
            {
                if (!Vocabulary.TryGetValue(key, out var id))
                {
                    id = Vocabulary.Count;
                    Vocabulary.Add(key, id);
                }

                return id;
            }
        }
    }

    public sealed class BrowserFamily
    {
    }

    public sealed class CountryCode
    {
    }

    public sealed record ClickEvent(string? Browser, string? Country, int HourOfDay, bool Converted);

    public sealed record EncodedRow(int Browser, int Country, int HourOfDay, float Label);

    /// <summary>
    /// Turns raw click logs into numeric rows for the conversion model. Each
    /// shard gets its own encoders so shards can be processed in parallel.
    /// </summary>
    public sealed class ClickFeaturePipeline
    {
        public IReadOnlyList<EncodedRow> EncodeShards(IReadOnlyList<IReadOnlyList<ClickEvent>> shards)
        {
            return shards
                .AsParallel()
                .AsOrdered()
                .SelectMany(EncodeShard)
                .ToList();
        }

        private static IEnumerable<EncodedRow> EncodeShard(IReadOnlyList<ClickEvent> shard)
        {
            var browsers = new CategoricalEncoder<BrowserFamily>();
            var countries = new CategoricalEncoder<CountryCode>();
            var rows = new List<EncodedRow>(shard.Count);

            foreach (var click in shard)
            {
                if (click.HourOfDay is < 0 or > 23)
                    continue;

                rows.Add(new EncodedRow(
                    browsers.Encode(click.Browser),
                    countries.Encode(click.Country),
                    click.HourOfDay,
                    click.Converted ? 1f : 0f));
            }

            return rows;
        }
    }
}
