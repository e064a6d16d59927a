using System.Text.Json;

namespace DepTool.LockFiles;

public sealed record LockedPackage(string Id, string Version, string? ContentHash);

public sealed record SyncReport(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Changed);

/// <summary>
/// Reads a packages.lock.json file and compares it with the resolved dependency set,
/// for the `deptool lock --verify` command.
/// </summary>
public sealed class PackageLockVerifier
{
    private readonly Dictionary<string, LockedPackage> _locked = new(StringComparer.OrdinalIgnoreCase);
    private int _threadCountHint = 1;
    private bool _lockFileLoaded;

    public int ThreadCountHint => _threadCountHint;

    public void LoadLockFile(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);

        if (document.RootElement.TryGetProperty("parallelRestore", out var parallel) && parallel.GetBoolean())
            _threadCountHint = Environment.ProcessorCount;

        foreach (var framework in document.RootElement.GetProperty("dependencies").EnumerateObject())
        {
            foreach (var package in framework.Value.EnumerateObject())
            {
                var version = package.Value.GetProperty("resolved").GetString() ?? "0.0.0";
                var hash = package.Value.TryGetProperty("contentHash", out var h) ? h.GetString() : null;
                _locked[package.Name] = new LockedPackage(package.Name, version, hash);
            }
        }

        _lockFileLoaded = true;
    }

    public SyncReport Compare(IEnumerable<LockedPackage> resolved)
    {
        if (!_lockFileLoaded)
            throw new InvalidOperationException("Call LoadLockFile before Compare.");

        var added = new List<string>();
        var changed = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        foreach (var package in resolved)
        {
            seen.Add(package.Id);
            if (!_locked.TryGetValue(package.Id, out var locked))
                added.Add($"{package.Id} {package.Version}");
            else if (!string.Equals(locked.Version, package.Version, StringComparison.OrdinalIgnoreCase))
                changed.Add($"{package.Id} {locked.Version} -> {package.Version}");
        }

        var removed = _locked.Keys.Where(id => !seen.Contains(id)).OrderBy(id => id).ToList();
        return new SyncReport(added, removed, changed);
    }

    public static int Run(string lockFilePath, IEnumerable<LockedPackage> resolved)
    {
        var verifier = new PackageLockVerifier();
        verifier.LoadLockFile(lockFilePath);
        var report = verifier.Compare(resolved);

        foreach (var a in report.Added) Console.WriteLine($"+ {a}");
        foreach (var r in report.Removed) Console.WriteLine($"- {r}");
        foreach (var c in report.Changed) Console.WriteLine($"~ {c}");

        bool inSync = report.Added.Count == 0 && report.Removed.Count == 0 && report.Changed.Count == 0;
        Console.WriteLine(inSync ? "Lock file is in sync." : "Lock file is out of date; run `deptool lock` to update it.");
        return inSync ? 0 : 1;
    }
}
