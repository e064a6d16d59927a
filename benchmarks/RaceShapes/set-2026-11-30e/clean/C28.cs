using System.Security.Cryptography;

namespace Backup.Verification;

public sealed record ChecksumMismatch(string Path, string Expected, string Actual);

/// <summary>
/// Verifies a backup against its manifest using a fixed number of worker threads.
/// </summary>
public sealed class ManifestVerifier
{
    private readonly (string Path, string ExpectedSha256)[] _entries;
    private readonly string _root;
    private readonly int _workerCount;
    private readonly List<ChecksumMismatch>[] _mismatchesPerWorker;
    private readonly Thread[] _threads;

    public ManifestVerifier(string root, IReadOnlyDictionary<string, string> manifest, int workerCount)
    {
        _root = root;
        _entries = manifest.Select(kv => (kv.Key, kv.Value)).OrderBy(e => e.Key, StringComparer.Ordinal).ToArray();
        _workerCount = Math.Max(1, workerCount);
        _mismatchesPerWorker = new List<ChecksumMismatch>[_workerCount];
        _threads = new Thread[_workerCount];

        for (int w = 0; w < _workerCount; w++)
        {
            _mismatchesPerWorker[w] = new List<ChecksumMismatch>();
            int workerIndex = w;
            _threads[w] = new Thread(() => VerifyPartition(workerIndex)) { Name = $"verify-{w}", IsBackground = true };
        }
    }

    public IReadOnlyList<ChecksumMismatch> Run()
    {
        foreach (var thread in _threads)
        {
            thread.Start();
        }

        foreach (var thread in _threads)
        {
            thread.Join();
        }

        return _mismatchesPerWorker.SelectMany(m => m).OrderBy(m => m.Path, StringComparer.Ordinal).ToList();
    }

    private void VerifyPartition(int workerIndex)
    {
        var results = _mismatchesPerWorker[workerIndex];
        for (int i = workerIndex; i < _entries.Length; i += _workerCount)
        {
            var (relativePath, expected) = _entries[i];
            var fullPath = Path.Combine(_root, relativePath);

            string actual;
            try
            {
                using var stream = File.OpenRead(fullPath);
                actual = Convert.ToHexString(SHA256.HashData(stream));
            }
            catch (FileNotFoundException)
            {
                actual = "<missing>";
            }

            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            {
                results.Add(new ChecksumMismatch(relativePath, expected, actual));
            }
        }
    }
}
