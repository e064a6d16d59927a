using System.Security.Cryptography;
using System.Text;

namespace Vcs.Staging;

/// <summary>
/// Computes blob ids for files being staged, using the "blob {length}\0{content}" framing.
/// </summary>
public static class BlobHasher
{
    public static string[] HashFiles(IReadOnlyList<string> paths)
    {
        var ids = new string[paths.Count];

        using var hashers = new ThreadLocal<IncrementalHash>(
            () => IncrementalHash.CreateHash(HashAlgorithmName.SHA1),
            trackAllValues: true);

        try
        {
            Parallel.For(0, paths.Count, i =>
            {
                var content = File.ReadAllBytes(paths[i]);
                var hasher = hashers.Value!;
                hasher.AppendData(Encoding.ASCII.GetBytes($"blob {content.Length}\0"));
                hasher.AppendData(content);
                ids[i] = Convert.ToHexString(hasher.GetHashAndReset()).ToLowerInvariant();
            });
        }
        finally
        {
            foreach (var hasher in hashers.Values)
            {
                hasher.Dispose();
            }
        }

        return ids;
    }

    public static IReadOnlyDictionary<string, string> ToIndex(IReadOnlyList<string> paths)
    {
        var ids = HashFiles(paths);
        var index = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < paths.Count; i++)
        {
            index[paths[i].Replace('\\', '/')] = ids[i];
        }

        return index;
    }
}
