using System.Security.Cryptography;

namespace Blind8.Tools.Checksums;

public sealed record ChecksumFailure(string Path, string Reason);

public sealed record ChecksumRun(int Hashed, long Bytes, IReadOnlyList<ChecksumFailure> Failures);

/// <summary>
/// Writes a SHA-256 sidecar file next to every artifact in a release folder.
/// Usage: mkchecksums &lt;folder&gt; [--max-parallel N]
/// </summary>
internal sealed class ChecksumGenerator
{
    private sealed class WorkerState
    {
        public int Hashed;
        public long Bytes;
        public readonly List<ChecksumFailure> Failures = new();
    }

    public ChecksumRun Run(string folder, int maxParallel)
    {
        var failures = new List<ChecksumFailure>();
        var mergeLock = new object();
        var hashed = 0;
        long bytes = 0;

        var artifacts = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(p => !p.EndsWith(".sha256", StringComparison.OrdinalIgnoreCase));

        Parallel.ForEach(
            artifacts,
            new ParallelOptions { MaxDegreeOfParallelism = maxParallel },
            () => new WorkerState(),
            (path, _, state) =>
            {
                try
                {
                    state.Bytes += WriteChecksum(path);
                    state.Hashed++;
                }
                catch (IOException ex)
                {
                    RecordFailure(state, path, ex);
                }
                catch (UnauthorizedAccessException ex)
                {
                    RecordFailure(state, path, ex);
                }

                return state;
            },
            state =>
            {
                lock (mergeLock)
                {
                    hashed += state.Hashed;
                    bytes += state.Bytes;
                    failures.AddRange(state.Failures);
                }
            });

        return new ChecksumRun(hashed, bytes, failures);
    }

    private static long WriteChecksum(string path)
    {
        using var stream = File.OpenRead(path);
        var hash = SHA256.HashData(stream);
        File.WriteAllText(path + ".sha256", Convert.ToHexString(hash).ToLowerInvariant() + "  " + Path.GetFileName(path) + "\n");
        return stream.Length;
    }

    private static void RecordFailure(WorkerState state, string path, Exception ex)
    {
        state.Failures.Add(new ChecksumFailure(path, ex.Message));
    }

    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: mkchecksums <folder> [--max-parallel N]");
            return 2;
        }

        var maxParallel = args.Length >= 3 && args[1] == "--max-parallel" ? int.Parse(args[2]) : Environment.ProcessorCount;
        var run = new ChecksumGenerator().Run(args[0], maxParallel);

        Console.WriteLine($"Hashed {run.Hashed} files ({run.Bytes / (1024 * 1024)} MiB).");
        foreach (var failure in run.Failures)
        {
            Console.Error.WriteLine($"  {failure.Path}: {failure.Reason}");
        }

        return run.Failures.Count == 0 ? 0 : 1;
    }
}
