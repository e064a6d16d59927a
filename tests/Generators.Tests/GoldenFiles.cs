using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Forklift.Generators.Tests;

/// <summary>
/// Compares generated files with <c>Expected/&lt;TestName&gt;/&lt;HintName&gt;</c>, exactly. With
/// <c>UPDATE_EXPECTED=1</c> it rewrites them instead; review that diff like code.
/// </summary>
internal static class GoldenFiles
{
    public static void Verify(GeneratorDriverRunResult result, [CallerMemberName] string testName = "", [CallerFilePath] string callerPath = "")
    {
        string directory = Path.Combine(Path.GetDirectoryName(callerPath)!, "Expected", testName);
        var generated = result.Results.SelectMany(r => r.GeneratedSources)
            .ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);

        if (Environment.GetEnvironmentVariable("UPDATE_EXPECTED") == "1")
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            Directory.CreateDirectory(directory);
            foreach ((string hintName, string text) in generated)
            {
                File.WriteAllText(Path.Combine(directory, hintName), text);
            }

            return;
        }

        Assert.True(Directory.Exists(directory), $"No golden files in {directory}; run the tests with UPDATE_EXPECTED=1.");
        var expected = Directory.GetFiles(directory).ToDictionary(p => Path.GetFileName(p), File.ReadAllText, StringComparer.Ordinal);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), generated.Keys.Order(StringComparer.Ordinal));
        foreach ((string hintName, string text) in generated)
        {
            Assert.Equal(expected[hintName].ReplaceLineEndings("\n"), text.ReplaceLineEndings("\n"));
        }
    }
}
