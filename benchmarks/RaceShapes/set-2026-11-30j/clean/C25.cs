using System.Security.Cryptography;

namespace Blind10.Tools.Checksums;

/// <summary>
/// Verifies downloaded artifacts against a SHA-256 manifest using a fixed number of
/// worker threads (<c>verify-artifacts manifest.txt --workers 4</c>).
/// </summary>
public sealed class ArtifactVerifier
{
    private readonly string _baseDirectory;
    private readonly int _workerCount;
    private string[] _files = Array.Empty<string>();
    private Dictionary<string, string> _expected = new();
    private bool[] _matches = Array.Empty<bool>();

    public ArtifactVerifier(string baseDirectory, int workerCount)
    {
        _baseDirectory = baseDirectory;
        _workerCount = Math.Max(1, workerCount);
    }

    public IReadOnlyList<string> Verify(string manifestPath)
    {
        _expected = File.ReadLines(manifestPath)
            .Select(line => line.Split("  ", 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[1], parts => parts[0].ToLowerInvariant(), StringComparer.Ordinal);
        _files = _expected.Keys.OrderBy(f => f, StringComparer.Ordinal).ToArray();
        _matches = new bool[_files.Length];

        var workers = new Thread[_workerCount];
        for (int w = 0; w < workers.Length; w++)
        {
            int worker = w;
            workers[w] = new Thread(() => VerifyShare(worker)) { Name = $"verify-{worker}" };
            workers[w].Start();
        }

        foreach (var thread in workers)
        {
            thread.Join();
        }

        var failed = new List<string>();
        for (int i = 0; i < _files.Length; i++)
        {
            if (!_matches[i])
            {
                failed.Add(_files[i]);
            }
        }
        return failed;
    }

    private void VerifyShare(int worker)
    {
        for (int i = worker; i < _files.Length; i += _workerCount)
        {
            var path = Path.Combine(_baseDirectory, _files[i]);
            if (!File.Exists(path))
            {
                continue;
            }

            using var stream = File.OpenRead(path);
            var actual = Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
            _matches[i] = actual == _expected[_files[i]];
        }
    }
}
