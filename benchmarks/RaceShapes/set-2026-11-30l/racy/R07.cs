using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;

namespace Gitly.Storage.Packs
{
    /// <summary>Maps object ids to byte offsets within a packfile.</summary>
    public sealed class PackIndex
    {
        private readonly Dictionary<string, long> _offsets = new(StringComparer.Ordinal);

        public int Count => _offsets.Count;

        public void Load(string indexPath)
        {
            foreach (var line in File.ReadLines(indexPath))
            {
                if (line.Length == 0 || line[0] == '#') continue;
                int space = line.IndexOf(' ');
                if (space != 40) throw new InvalidDataException($"Malformed index entry: {line}");
                long offset = long.Parse(line.AsSpan(space + 1), NumberStyles.None, CultureInfo.InvariantCulture);
                _offsets[line.Substring(0, space)] = offset;
            }
        }

        public bool TryGetOffset(string objectId, out long offset) => _offsets.TryGetValue(objectId, out offset);
    }

    internal static class PackIndexCache
    {
        private static PackIndex? s_index;

        public static PackIndex Get(string indexPath)
        {
            if (s_index == null)
            {
                s_index = new PackIndex();
                s_index.Load(indexPath);
            }
            return s_index;
        }
    }

    /// <summary>Resolves many object ids at once, e.g. for <c>log --stat</c> over a long history.</summary>
    public sealed class ObjectResolver
    {
        private readonly string _indexPath;

        public ObjectResolver(string packDirectory, string packName)
        {
            _indexPath = Path.Combine(packDirectory, packName + ".idx.txt");
        }

        public IReadOnlyDictionary<string, long> ResolveAll(IEnumerable<string> objectIds, out List<string> missing)
        {
            var found = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
            var notFound = new ConcurrentBag<string>();

            Parallel.ForEach(objectIds, id =>
            {
                var index = PackIndexCache.Get(_indexPath);
                if (index.TryGetOffset(id, out long offset))
                    found[id] = offset;
                else
                    notFound.Add(id);
            });

            missing = new List<string>(notFound);
            return found;
        }
    }
}
