using System.Security.Cryptography;

namespace DedupTool.Commands;

public sealed record HashedFile(string Path, long Length, string? Sha256, string? Error);

public sealed record DuplicateGroup(string Sha256, long Length, IReadOnlyList<string> Paths);

/// <summary>
/// <c>dedup find &lt;dir&gt; --jobs N</c>: hashes every file in parallel and reports groups of
/// identical files plus any file that could not be read.
/// </summary>
public sealed class FindDuplicatesCommand
{
    private readonly int _jobs;

    public FindDuplicatesCommand(int jobs) => _jobs = Math.Max(1, jobs);

    public (IReadOnlyList<DuplicateGroup> Groups, IReadOnlyList<string> Errors) Run(string directory)
    {
        var hashed = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .AsParallel()
            .WithDegreeOfParallelism(_jobs)
            .Select(HashFile)
            .ToList();

        var errors = hashed
            .Where(h => h.Error is not null)
            .Select(h => $"{h.Path}: {h.Error}")
            .OrderBy(x => x, StringComparer.Ordinal)
            .ToList();

        var groups = hashed
            .Where(h => h.Sha256 is not null)
            .GroupBy(h => (h.Sha256!, h.Length))
            .Where(g => g.Count() > 1)
            .Select(g => new DuplicateGroup(g.Key.Item1, g.Key.Length, g.Select(x => x.Path).OrderBy(p => p, StringComparer.Ordinal).ToList()))
            .OrderByDescending(g => g.Length)
            .ToList();

        return (groups, errors);
    }

    private static HashedFile HashFile(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var length = stream.Length;
            var hash = SHA256.HashData(stream);
            return new HashedFile(path, length, Convert.ToHexString(hash), null);
        }
        catch (IOException ex)
        {
            return new HashedFile(path, 0, null, ex.Message);
        }
        catch (UnauthorizedAccessException ex)
        {
            return new HashedFile(path, 0, null, ex.Message);
        }
    }
}
