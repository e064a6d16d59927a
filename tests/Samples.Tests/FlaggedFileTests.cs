using System.Collections.Immutable;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Forklift.Samples.Tests;

/// <summary>
/// The samples' <c>Flagged/</c> files hold the bugs they demonstrate. Their .editorconfig lowers those rules to
/// suggestions so the warnings-as-errors build passes; here each sample is compiled as its build compiles it, but
/// with the rules at their default severity, and every line marked <c>// expect: FLxxxx</c> must get that warning.
/// </summary>
public sealed partial class FlaggedFileTests
{
    [Theory]
    [InlineData("BankBalance", "FL1001")]
    [InlineData("ThreadLocalState", "FL1004")]
    [InlineData("LockDiscipline", "FL2001")]
    public async Task Flagged_file_gets_its_warning_at_the_marked_lines(string sample, string id)
    {
        CSharpCompilation compilation = CompileSample(sample);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(LoadForkliftAnalyzers())
            .GetAnalyzerDiagnosticsAsync();

        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        Expectation[] expected = ReadExpectations(sample).Where(e => e.Id == id).ToArray();
        Assert.NotEmpty(expected);
        foreach (Expectation expectation in expected)
        {
            Assert.Contains(diagnostics, d =>
                d.Id == expectation.Id
                && d.Severity == DiagnosticSeverity.Warning
                && d.Location.GetLineSpan().Path == expectation.Path
                && d.Location.GetLineSpan().StartLinePosition.Line == expectation.Line);
        }

        // The fixed code next to the flagged file must stay clean (the build asserts this too, as errors).
        Assert.DoesNotContain(diagnostics, d =>
            d.Id.StartsWith("FL", StringComparison.Ordinal)
            && !d.Location.GetLineSpan().Path.Contains($"{Path.DirectorySeparatorChar}Flagged{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
    }

    /// <summary>Every source of the sample, Flagged/ included, with the implicit usings its build generated.</summary>
    private static CSharpCompilation CompileSample(string sample)
    {
        string directory = SampleRunner.SampleDirectory(sample);
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var files = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(directory, f))
            .ToList();
        string globalUsings = Path.Combine(directory, "obj", SampleRunner.Configuration, "net10.0", sample + ".GlobalUsings.g.cs");
        Assert.True(File.Exists(globalUsings), $"{globalUsings} is missing: build the sample first.");
        files.Add(globalUsings);

        SyntaxTree[] trees = files
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parseOptions, f))
            .ToArray();
        MetadataReference[] references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(p => MetadataReference.CreateFromFile(p))
            .ToArray();
        return CSharpCompilation.Create(
            sample,
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
    }

    private static bool IsBuildOutput(string sampleDirectory, string file)
    {
        string relative = Path.GetRelativePath(sampleDirectory, file);
        return relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>Every analyzer in Forklift.Analyzers.dll, found the way the compiler finds them.</summary>
    internal static ImmutableArray<DiagnosticAnalyzer> LoadForkliftAnalyzers()
    {
        Assembly assembly = Assembly.Load("Forklift.Analyzers");
        return assembly.GetTypes()
            .Where(t => !t.IsAbstract
                && typeof(DiagnosticAnalyzer).IsAssignableFrom(t)
                && t.GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any(a => a.Languages.Contains(LanguageNames.CSharp)))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
    }

    private static IEnumerable<Expectation> ReadExpectations(string sample)
    {
        string flagged = Path.Combine(SampleRunner.SampleDirectory(sample), "Flagged");
        foreach (string file in Directory.EnumerateFiles(flagged, "*.cs"))
        {
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                foreach (Match match in ExpectMarker().Matches(lines[i]))
                {
                    yield return new Expectation(file, i, match.Groups[1].Value);
                }
            }
        }
    }

    [GeneratedRegex(@"// expect: (FL\d{4})")]
    private static partial Regex ExpectMarker();

    private sealed record Expectation(string Path, int Line, string Id);
}
