using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Scoreboard.RaceTiming
{
    public readonly record struct ChipRead(string Bib, string MatId, DateTime TimeUtc);

    public sealed record Split(string MatId, TimeSpan Elapsed);

    public interface IMatReader
    {
        string MatId { get; }
        IAsyncEnumerable<ChipRead> ReadAsync(CancellationToken ct);
    }

    /// <summary>Collects chip reads from every timing mat on the course and builds runner splits.</summary>
    public sealed class SplitRecorder
    {
        private readonly DateTime _gunTimeUtc;

        public SplitRecorder(DateTime gunTimeUtc) => _gunTimeUtc = gunTimeUtc;

        public async Task<IReadOnlyDictionary<string, IReadOnlyList<Split>>> RecordAsync(IEnumerable<IMatReader> mats, CancellationToken ct)
        {
            var channel = Channel.CreateUnbounded<ChipRead>(new UnboundedChannelOptions { SingleReader = true });
            var splits = new Dictionary<string, List<Split>>(StringComparer.Ordinal);

            var consumer = Task.Run(async () =>
            {
                await foreach (var read in channel.Reader.ReadAllAsync())
                {
                    if (!splits.TryGetValue(read.Bib, out var list))
                        splits[read.Bib] = list = new List<Split>();

                    // A mat reports a chip several times while the runner crosses; keep the first.
                    if (list.Exists(s => s.MatId == read.MatId))
                        continue;
                    list.Add(new Split(read.MatId, read.TimeUtc - _gunTimeUtc));
                }
            });

            var producers = mats.Select(mat => Task.Run(async () =>
            {
                await foreach (var read in mat.ReadAsync(ct).ConfigureAwait(false))
                    await channel.Writer.WriteAsync(read, ct).ConfigureAwait(false);
            })).ToList();

            try
            {
                await Task.WhenAll(producers).ConfigureAwait(false);
            }
            finally
            {
                channel.Writer.Complete();
            }

            await consumer.ConfigureAwait(false);

            return splits.ToDictionary(
                p => p.Key,
                p => (IReadOnlyList<Split>)p.Value.OrderBy(s => s.Elapsed).ToList(),
                StringComparer.Ordinal);
        }
    }
}
