using System.IO.Compression;

namespace Blind8.Tools.LogCompressor;

public sealed record CompressionFailure(string Path, string Reason);

public sealed record CompressionSummary(int Compressed, long BytesSaved, IReadOnlyList<CompressionFailure> Failures);

/// <summary>
/// Command-line helper that gzips rotated log files in a directory tree.
/// Usage: logzip &lt;root&gt; [--older-than-days N] [--max-parallel N]
/// </summary>
internal sealed class LogDirectoryCompressor
{
    private readonly List<CompressionFailure> _failures = new();
    private int _compressed;
    private long _bytesSaved;

    public CompressionSummary Run(string root, int olderThanDays, int maxParallel)
    {
        var cutoff = DateTime.UtcNow.AddDays(-olderThanDays);
        var candidates = Directory
            .EnumerateFiles(root, "*.log", SearchOption.AllDirectories)
            .Where(p => File.GetLastWriteTimeUtc(p) < cutoff);

        var options = new ParallelOptions { MaxDegreeOfParallelism = maxParallel };
        Parallel.ForEach(candidates, options, path =>
        {
            try
            {
                var saved = CompressFile(path);
                Interlocked.Increment(ref _compressed);
                Interlocked.Add(ref _bytesSaved, saved);
            }
            catch (IOException ex)
            {
                RecordFailure(path, ex);
            }
            catch (UnauthorizedAccessException ex)
            {
                RecordFailure(path, ex);
            }
        });

        return new CompressionSummary(_compressed, _bytesSaved, _failures.ToArray());
    }

    private static long CompressFile(string path)
    {
        var target = path + ".gz";
        long originalLength;

        using (var source = File.OpenRead(path))
        using (var destination = File.Create(target))
        using (var gzip = new GZipStream(destination, CompressionLevel.SmallestSize))
        {
            originalLength = source.Length;
            source.CopyTo(gzip);
        }

        var compressedLength = new FileInfo(target).Length;
        File.Delete(path);
        return originalLength - compressedLength;
    }

    private void RecordFailure(string path, Exception ex)
    {
        _failures.Add(new CompressionFailure(path, ex.GetType().Name + ": " + ex.Message));
    }

    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: logzip <root> [--older-than-days N] [--max-parallel N]");
            return 2;
        }

        var days = 7;
        var parallel = Environment.ProcessorCount;
        for (var i = 1; i < args.Length - 1; i++)
        {
            if (args[i] == "--older-than-days") days = int.Parse(args[++i]);
            else if (args[i] == "--max-parallel") parallel = int.Parse(args[++i]);
        }

        var summary = new LogDirectoryCompressor().Run(args[0], days, parallel);
        Console.WriteLine($"Compressed {summary.Compressed} files, saved {summary.BytesSaved / 1024} KiB.");
        foreach (var failure in summary.Failures)
        {
            Console.Error.WriteLine($"  failed: {failure.Path} ({failure.Reason})");
        }

        return summary.Failures.Count == 0 ? 0 : 1;
    }
}
