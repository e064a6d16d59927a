using System.Security.Cryptography;

namespace Blind2.R15;

/// <summary>
/// Implementation of the <c>dedupe</c> command: hashes every file under a
/// directory and reports groups of files with identical content.
/// </summary>
public sealed class DuplicateFinder
{
    private readonly byte[] _readBuffer = new byte[81920];
    private readonly int _degreeOfParallelism;

    public DuplicateFinder(int degreeOfParallelism = 0)
    {
        _degreeOfParallelism = degreeOfParallelism > 0 ? degreeOfParallelism : Environment.ProcessorCount;
    }

    public IReadOnlyList<IGrouping<string, string>> FindDuplicates(string root)
    {
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .AsParallel()
            .WithDegreeOfParallelism(_degreeOfParallelism)
            .Select(path => (Path: path, Hash: HashFile(path)))
            .GroupBy(x => x.Hash, x => x.Path)
            .Where(g => g.Count() > 1)
            .ToList();
    }

    private string HashFile(string path)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);

        int read;
        while ((read = stream.Read(_readBuffer, 0, _readBuffer.Length)) > 0)
        {
            hash.AppendData(_readBuffer, 0, read);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}

public static class DedupeCommand
{
    public static int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: dedupe <directory> [--jobs N]");
            return 2;
        }

        int jobs = 0;
        if (args.Length >= 3 && args[1] == "--jobs" && !int.TryParse(args[2], out jobs))
        {
            Console.Error.WriteLine("--jobs expects a number");
            return 2;
        }

        var finder = new DuplicateFinder(jobs);
        var groups = finder.FindDuplicates(args[0]);

        foreach (var group in groups)
        {
            Console.WriteLine(group.Key);
            foreach (var path in group.OrderBy(p => p, StringComparer.Ordinal))
                Console.WriteLine("    " + path);
        }

        Console.WriteLine($"{groups.Count} duplicate group(s).");
        return groups.Count == 0 ? 0 : 1;
    }
}
