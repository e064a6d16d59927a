using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Gitly.Storage.Blame
{
    /// <summary>Object id to packfile offset map, built once from an index file.</summary>
    public sealed class PackOffsets
    {
        private readonly Dictionary<string, long> _offsets;

        private PackOffsets(Dictionary<string, long> offsets) => _offsets = offsets;

        public int Count => _offsets.Count;

        public static PackOffsets Load(string indexPath)
        {
            var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var line in File.ReadLines(indexPath))
            {
                if (line.Length == 0 || line[0] == '#') continue;
                int space = line.IndexOf(' ');
                if (space != 40) throw new InvalidDataException($"Malformed index entry: {line}");
                offsets[line.Substring(0, space)] = long.Parse(line.AsSpan(space + 1), NumberStyles.None, CultureInfo.InvariantCulture);
            }
            return new PackOffsets(offsets);
        }

        public bool TryGet(string objectId, out long offset) => _offsets.TryGetValue(objectId, out offset);
    }

    /// <summary>Locates the blobs needed for a blame over many revisions of one file.</summary>
    public sealed class BlameBlobLocator
    {
        private readonly Lazy<PackOffsets> _offsets;

        public BlameBlobLocator(string packDirectory, string packName)
        {
            string path = Path.Combine(packDirectory, packName + ".idx.txt");
            _offsets = new Lazy<PackOffsets>(() => PackOffsets.Load(path), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public IReadOnlyDictionary<string, long> Locate(IEnumerable<string> blobIds, out IReadOnlyCollection<string> missing)
        {
            var located = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
            var absent = new ConcurrentBag<string>();

            Parallel.ForEach(blobIds, id =>
            {
                if (_offsets.Value.TryGet(id, out long offset))
                    located.TryAdd(id, offset);
                else
                    absent.Add(id);
            });

            missing = absent.ToArray();
            return located;
        }
    }
}
