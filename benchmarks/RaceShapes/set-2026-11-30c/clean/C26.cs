using System.Security.Cryptography;
using System.Text;

namespace Fabrikam.Tools.Manifest
{
    public sealed record ManifestEntry(string RelativePath, long Length, string Sha256);

    /// <summary>
    /// Builds a release manifest (path, size, hash) for a build output folder.
    /// Directories are hashed in parallel and the per-directory sections are
    /// concatenated in path order.
    /// </summary>
    public static class ManifestBuilder
    {
        public static async Task<string> BuildAsync(string root, CancellationToken cancellationToken)
        {
            var directories = Directory.GetDirectories(root, "*", SearchOption.AllDirectories)
                .Prepend(root)
                .ToArray();

            var tasks = directories
                .Select(dir => Task.Run(() => HashDirectory(root, dir, cancellationToken), cancellationToken))
                .ToArray();

            var sections = await Task.WhenAll(tasks).ConfigureAwait(false);

            var output = new StringBuilder();
            output.AppendLine("# path\tlength\tsha256");
            foreach (var section in sections.Where(s => s.Length > 0).OrderBy(s => s, StringComparer.Ordinal))
            {
                output.Append(section);
            }
            return output.ToString();
        }

        private static string HashDirectory(string root, string directory, CancellationToken cancellationToken)
        {
            var entries = new List<ManifestEntry>();
            using var sha = SHA256.Create();

            foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.TopDirectoryOnly))
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var stream = File.OpenRead(file);
                var hash = Convert.ToHexString(sha.ComputeHash(stream)).ToLowerInvariant();
                entries.Add(new ManifestEntry(Path.GetRelativePath(root, file).Replace('\\', '/'), stream.Length, hash));
            }

            entries.Sort((a, b) => string.CompareOrdinal(a.RelativePath, b.RelativePath));

            var text = new StringBuilder();
            foreach (var entry in entries)
            {
                text.Append(entry.RelativePath).Append('\t')
                    .Append(entry.Length).Append('\t')
                    .AppendLine(entry.Sha256);
            }
            return text.ToString();
        }
    }
}
