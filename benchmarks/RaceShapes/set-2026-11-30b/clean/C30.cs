using System.Text.RegularExpressions;

namespace Blind2.C30;

public sealed record RewriteRule(Regex Pattern, string Replacement, bool Permanent);

/// <summary>
/// URL rewrite middleware. The rules file is compiled into regexes the first
/// time a request needs them; every request after that reuses the compiled set.
/// </summary>
public sealed class UrlRewriter
{
    private readonly string _rulesFile;
    private object? _initLock;
    private IReadOnlyList<RewriteRule>? _rules;

    public UrlRewriter(string rulesFile) => _rulesFile = rulesFile;

    private IReadOnlyList<RewriteRule> Rules
        => LazyInitializer.EnsureInitialized(ref _rules, ref _initLock, () => Compile(_rulesFile))!;

    public (string Path, int? RedirectStatus) Rewrite(string path)
    {
        foreach (var rule in Rules)
        {
            var match = rule.Pattern.Match(path);
            if (!match.Success)
                continue;

            var target = match.Result(rule.Replacement);
            return (target, rule.Permanent ? 301 : 302);
        }

        return (path, null);
    }

    private static IReadOnlyList<RewriteRule> Compile(string file)
    {
        var rules = new List<RewriteRule>();
        foreach (var raw in File.ReadLines(file))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
                continue;

            // ^/old/(.*)$  /new/$1  [permanent]
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2)
                continue;

            var regex = new Regex(parts[0], RegexOptions.Compiled | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            rules.Add(new RewriteRule(regex, parts[1], parts.Length > 2 && parts[2] == "permanent"));
        }
        return rules.AsReadOnly();
    }
}

public static class RewriteMiddleware
{
    public static Task<(string, int?)[]> HandleBatchAsync(UrlRewriter rewriter, IEnumerable<string> paths)
        => Task.WhenAll(paths.Select(p => Task.Run(() => rewriter.Rewrite(p))));
}
