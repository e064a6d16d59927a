using System.Collections;
using System.Reflection;
using Forklift.Generators.Common;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Forklift.Generators.Tests;

/// <summary>The pipeline's caching: what re-runs after which edit, and what its models may hold.</summary>
public sealed class ParallelGeneratorIncrementalTests
{
    private const string Source = """
        using Forklift;

        namespace MyApp;

        public sealed record Range(int From, int To);

        public static partial class Primes
        {
            [Parallel]
            public static int Count(Range range) => range.To - range.From;

            [WorkerInitializer]
            public static void WarmUp() { }
        }
        """;

    private static readonly string[] ModelSteps = { TrackingNames.Methods, TrackingNames.Initializers, TrackingNames.Types, TrackingNames.Registrations };

    [Fact]
    public void RunningTwiceLeavesEveryStepCached()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Source);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        GeneratorRunResult result = driver.RunGenerators(compilation.Clone()).GetRunResult().Results.Single();

        foreach (string step in ModelSteps)
        {
            Assert.All(Outputs(result, step), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        }
    }

    [Fact]
    public void AddingAnUnrelatedFileLeavesTheModelsCachedOrUnchanged()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Source);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        CSharpCompilation edited = compilation.AddSyntaxTrees(
            CSharpSyntaxTree.ParseText("namespace MyApp; public static class Unrelated { public static int Value => 42; }", GeneratorHarness.ParseOptions));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (string step in ModelSteps)
        {
            Assert.All(Outputs(result, step), o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
        }
    }

    [Fact]
    public void EditingTheAttributedMethodModifiesItsModel()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Source);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        SyntaxTree tree = compilation.SyntaxTrees.Single();
        SyntaxTree editedTree = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(
            Source.Replace("public static int Count(Range range)", "public static long Count(Range range)", StringComparison.Ordinal)));
        GeneratorRunResult result = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, editedTree)).GetRunResult().Results.Single();

        Assert.Contains(Outputs(result, TrackingNames.Methods), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(Outputs(result, TrackingNames.Types), o => o.Reason == IncrementalStepRunReason.Modified);

        // The set of types did not change, so the module initializer is not re-emitted.
        Assert.All(Outputs(result, TrackingNames.Registrations), o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
    }

    [Fact]
    public void EditingARecordInAnotherFileModifiesTheMethodThatSendsIt()
    {
        const string Method = """
            using Forklift;

            namespace MyApp;

            public static partial class Orders
            {
                [Parallel]
                public static int Count(Order order) => order.Lines;
            }
            """;
        const string Record = "namespace MyApp; public sealed record Order(int Lines);";
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Method, Record);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        // The codec of Order depends on its members, so a new member must reach the generated code.
        SyntaxTree recordTree = compilation.SyntaxTrees.Last();
        SyntaxTree edited = recordTree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(
            "namespace MyApp; public sealed record Order(int Lines, string? Note);"));
        GeneratorDriverRunResult run = driver.RunGenerators(compilation.ReplaceSyntaxTree(recordTree, edited)).GetRunResult();

        Assert.Contains(Outputs(run.Results.Single(), TrackingNames.Methods), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("writer.WriteString(value.Note);", run.GeneratedTrees.Single(t => t.FilePath.EndsWith("MyApp.Orders.Parallel.g.cs", StringComparison.Ordinal)).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ModelsHoldNoSymbolsSyntaxOrCompilations()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Source);
        GeneratorRunResult result = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult().Results.Single();

        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (string step in ModelSteps)
        {
            foreach ((object value, _) in Outputs(result, step))
            {
                AssertHoldsNoCompilerObjects(value, step, visited);
            }
        }

        // The walk must have reached the method model, its parameters and its codecs to mean anything.
        Assert.Contains(visited, o => o.GetType().Name == "ParallelMethodModel");
        Assert.Contains(visited, o => o.GetType().Name == "CodecModel");
        Assert.Contains(visited, o => o.GetType().Name == "WorkerInitializerModel");
    }

    private static List<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRunResult result, string step)
    {
        Assert.True(result.TrackedSteps.TryGetValue(step, out var runs), $"Step {step} did not run.");
        var outputs = runs.SelectMany(r => r.Outputs).ToList();
        Assert.NotEmpty(outputs);
        return outputs;
    }

    private static void AssertHoldsNoCompilerObjects(object? value, string path, HashSet<object> visited)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        Type type = value.GetType();
        Assert.False(
            value is ISymbol or Compilation or SyntaxNode or SyntaxTree or Location or SemanticModel || type.Namespace?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) == true,
            $"{path} holds a {type}.");

        // ImmutableArray and friends compare by reference: a model must use EquatableArray instead.
        Assert.False(type.IsArray || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(System.Collections.Immutable.ImmutableArray<>)), $"{path} holds a {type}.");

        if (!visited.Add(value))
        {
            return;
        }

        if (value is IEnumerable items)
        {
            int i = 0;
            foreach (object? item in items)
            {
                AssertHoldsNoCompilerObjects(item, $"{path}[{i++}]", visited);
            }

            return;
        }

        foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertHoldsNoCompilerObjects(field.GetValue(value), $"{path}.{field.Name}", visited);
        }
    }
}
