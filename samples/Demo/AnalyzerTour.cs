using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Forklift.Analyzers.Locks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Demo;

/// <summary>One diagnostic, with what a build prints for it.</summary>
public sealed record FoundDiagnostic(string Path, int Line, int Column, string Severity, string Id, string Message, string? HelpLink)
{
    /// <summary>The line <c>dotnet build</c> prints: <c>path(line,column): warning FL1001: message</c>.</summary>
    public override string ToString() => $"{Path}({Line},{Column}): {Severity} {Id}: {Message}";
}

/// <summary>What the tour found, and how long the analysis took.</summary>
public sealed record AnalyzerReport(IReadOnlyList<FoundDiagnostic> Diagnostics, IReadOnlyList<string> Files, TimeSpan Elapsed);

/// <summary>
/// Runs every Forklift analyzer over the samples' deliberately flagged files (embedded in this program), in-process
/// and the way the compiler runs them in a build: the diagnostics are the ones the IDE squiggles and the build prints.
/// </summary>
public static class AnalyzerTour
{
    // The SDK's implicit usings for a console app: the flagged files were written for a build that has them.
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    public static async Task<AnalyzerReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        Assembly demo = typeof(AnalyzerTour).Assembly;
        List<SyntaxTree> trees = demo.GetManifestResourceNames()
            .Where(name => name.EndsWith(".cs", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => CSharpSyntaxTree.ParseText(ReadResource(demo, name), parseOptions, name, cancellationToken: cancellationToken))
            .ToList();
        string[] files = trees.Select(t => t.FilePath).ToArray();
        trees.Add(CSharpSyntaxTree.ParseText(ImplicitUsings, parseOptions, "GlobalUsings.g.cs", cancellationToken: cancellationToken));

        // This process runs on the framework the flagged code targets; its assemblies (Forklift.dll among them,
        // for [Parallel]) are the references.
        MetadataReference[] references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray();
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Flagged",
            trees,
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        Diagnostic[] errors = compilation.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (errors.Length > 0)
        {
            throw new InvalidOperationException("The flagged files do not compile:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => e.ToString())));
        }

        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(LoadForkliftAnalyzers())
            .GetAnalyzerDiagnosticsAsync(cancellationToken)
            .ConfigureAwait(false);
        stopwatch.Stop();

        FoundDiagnostic[] found = diagnostics
            .Select(Describe)
            .OrderBy(d => d.Path, StringComparer.Ordinal)
            .ThenBy(d => d.Line)
            .ThenBy(d => d.Column)
            .ToArray();
        return new AnalyzerReport(found, files, stopwatch.Elapsed);
    }

    /// <summary>Every analyzer in Forklift.Analyzers.dll, found the way the compiler finds them.</summary>
    private static ImmutableArray<DiagnosticAnalyzer> LoadForkliftAnalyzers()
        => typeof(LockReleaseNotInFinallyAnalyzer).Assembly.GetTypes()
            .Where(type => !type.IsAbstract
                && typeof(DiagnosticAnalyzer).IsAssignableFrom(type)
                && type.GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any(a => a.Languages.Contains(LanguageNames.CSharp)))
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray();

    private static FoundDiagnostic Describe(Diagnostic diagnostic)
    {
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        return new FoundDiagnostic(
            span.Path,
            span.StartLinePosition.Line + 1,
            span.StartLinePosition.Character + 1,
            diagnostic.Severity.ToString().ToLowerInvariant(),
            diagnostic.Id,
            diagnostic.GetMessage(CultureInfo.InvariantCulture),
            string.IsNullOrEmpty(diagnostic.Descriptor.HelpLinkUri) ? null : diagnostic.Descriptor.HelpLinkUri);
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using Stream stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
