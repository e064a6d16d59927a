using System.Security.Cryptography;

namespace Backup.Verification;

public sealed record VerifyResult(int FilesChecked, int Mismatches, long BytesHashed, TimeSpan Elapsed);

/// <summary>
/// Verifies a backup set by re-hashing every file on a fixed set of dedicated threads.
/// Work is partitioned up front so each thread owns a contiguous slice.
/// </summary>
public sealed class BackupVerifier
{
    private string[] _files = Array.Empty<string>();
    private IReadOnlyDictionary<string, string> _expectedHashes = new Dictionary<string, string>();
    private int[] _mismatchesPerWorker = Array.Empty<int>();
    private long[] _bytesPerWorker = Array.Empty<long>();
    private int _workerCount;

    public VerifyResult Verify(IReadOnlyDictionary<string, string> manifest, int workerCount)
    {
        var started = DateTime.UtcNow;

        _expectedHashes = manifest;
        _files = manifest.Keys.OrderBy(f => f, StringComparer.Ordinal).ToArray();
        _workerCount = Math.Clamp(workerCount, 1, Math.Max(1, _files.Length));
        _mismatchesPerWorker = new int[_workerCount];
        _bytesPerWorker = new long[_workerCount];

        var threads = new Thread[_workerCount];
        for (int w = 0; w < _workerCount; w++)
        {
            int worker = w;
            threads[w] = new Thread(() => VerifySlice(worker)) { IsBackground = true, Name = $"verify-{worker}" };
        }

        foreach (var t in threads)
            t.Start();
        foreach (var t in threads)
            t.Join();

        return new VerifyResult(_files.Length, _mismatchesPerWorker.Sum(), _bytesPerWorker.Sum(), DateTime.UtcNow - started);
    }

    private void VerifySlice(int worker)
    {
        int sliceSize = (_files.Length + _workerCount - 1) / _workerCount;
        int start = worker * sliceSize;
        int end = Math.Min(_files.Length, start + sliceSize);

        using var sha = SHA256.Create();
        for (int i = start; i < end; i++)
        {
            var path = _files[i];
            if (!File.Exists(path))
            {
                _mismatchesPerWorker[worker]++;
                continue;
            }

            using var stream = File.OpenRead(path);
            var actual = Convert.ToHexString(sha.ComputeHash(stream));
            _bytesPerWorker[worker] += stream.Length;

            if (!string.Equals(actual, _expectedHashes[path], StringComparison.OrdinalIgnoreCase))
            {
                _mismatchesPerWorker[worker]++;
                Console.Error.WriteLine($"hash mismatch: {path}");
            }
        }
    }
}
