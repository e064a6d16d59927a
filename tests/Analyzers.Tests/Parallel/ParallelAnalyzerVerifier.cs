using Forklift.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Forklift.Analyzers.Tests.ParallelUsage;

/// <summary>
/// The analyzer verifier with Forklift's two attributes declared in an extra source file, as the runtime declares
/// them, so FL3xxx tests need no reference to the runtime assembly.
/// </summary>
internal static class ParallelAnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public const string AttributesSource = """
        namespace Forklift
        {
            [System.AttributeUsage(System.AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
            public sealed class ParallelAttribute : System.Attribute
            {
                public int TimeoutMilliseconds { get; set; }
                public int ChunkSize { get; set; }
                public int MaxRetries { get; set; }
            }

            [System.AttributeUsage(System.AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
            public sealed class WorkerInitializerAttribute : System.Attribute
            {
            }
        }
        """;

    public static DiagnosticResult Diagnostic() => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic();

    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic(descriptor);

    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = TestReferences.Net80,
        };
        test.TestState.Sources.Add(("ForkliftAttributes.cs", AttributesSource));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }
}
