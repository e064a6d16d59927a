using System.Globalization;

namespace Blind54.BikeCoop.Membership;

/// <summary>Immutable view of <c>membership.ini</c> at one point in time.</summary>
public sealed record MembershipSettings(decimal AnnualFee, decimal StudentDiscount, int FreeStandHoursPerMonth)
{
    public static MembershipSettings Parse(IEnumerable<string> lines)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines)
        {
            var eq = line.IndexOf('=');
            if (eq > 0 && !line.StartsWith('#'))
            {
                values[line[..eq].Trim()] = line[(eq + 1)..].Trim();
            }
        }

        string Get(string key, string fallback) => values.TryGetValue(key, out var v) ? v : fallback;
        return new MembershipSettings(
            decimal.Parse(Get("AnnualFee", "40"), CultureInfo.InvariantCulture),
            decimal.Parse(Get("StudentDiscount", "0.5"), CultureInfo.InvariantCulture),
            int.Parse(Get("FreeStandHours", "4"), CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// Holds the current membership settings and reloads them when the file changes. The
/// membership desk and the online sign-up form read <see cref="Current"/> on every request.
/// </summary>
public sealed class MembershipSettingsProvider : IDisposable
{
    private readonly string _path;
    private readonly FileSystemWatcher _watcher;
    private MembershipSettings _current;

    public MembershipSettingsProvider(string path)
    {
        _path = path;
        _current = MembershipSettings.Parse(File.ReadAllLines(path));
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileName(path));
        _watcher.Changed += (_, _) => Reload();
        _watcher.EnableRaisingEvents = true;
    }

    public MembershipSettings Current => Volatile.Read(ref _current);

    private void Reload()
    {
        try
        {
            var fresh = MembershipSettings.Parse(File.ReadAllLines(_path));
            Volatile.Write(ref _current, fresh);
        }
        catch (IOException)
        {
            // The editor still has the file open; the next change event will pick it up.
        }
    }

    public void Dispose() => _watcher.Dispose();
}

public sealed class MembershipPricing
{
    private readonly MembershipSettingsProvider _settings;

    public MembershipPricing(MembershipSettingsProvider settings) => _settings = settings;

    public decimal FeeFor(bool isStudent)
    {
        var settings = _settings.Current;
        return isStudent ? settings.AnnualFee * (1 - settings.StudentDiscount) : settings.AnnualFee;
    }
}
