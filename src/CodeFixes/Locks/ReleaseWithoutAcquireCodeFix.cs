using System.Collections.Immutable;
using Forklift.Analyzers;
using Forklift.Analyzers.Locks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Forklift.CodeFixes.Locks;

/// <summary>
/// FL2003 fixes: move an acquire that sits inside the <c>try</c> to just before it, or guard the release with the
/// <c>lockTaken</c> flag or the stored <c>TryEnter</c>/<c>Wait(timeout)</c> result.
/// </summary>
/// <remarks>No <c>[Shared]</c>: it would bake a System.Composition version into the package (see Directory.Packages.props).</remarks>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReleaseWithoutAcquireCodeFix))]
public sealed class ReleaseWithoutAcquireCodeFix : CodeFixProvider
{
    /// <summary>
    /// Each shape has one fix (move the acquire, or guard the release); they share one key so that Fix All and
    /// <c>dotnet format</c> fix every shape in one run.
    /// </summary>
    internal const string Key = "FL2003.Fix";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ReleaseWithoutAcquire);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(ReleaseWithoutAcquireAnalyzer.ReasonKey, out var reason))
            {
                continue;
            }

            if (reason == ReleaseWithoutAcquireAnalyzer.AcquireInTry
                && diagnostic.Properties.TryGetValue(ReleaseWithoutAcquireAnalyzer.AcquireSpanKey, out var acquireSpanText)
                && SpanText.Parse(acquireSpanText) is { } acquireSpan
                && MoveBeforeTry(root, diagnostic, acquireSpan) is { } moved)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Move the acquire before the try", _ => Task.FromResult(context.Document.WithSyntaxRoot(moved)), Key),
                    diagnostic);
            }
            else if (reason is ReleaseWithoutAcquireAnalyzer.FlagNotChecked or ReleaseWithoutAcquireAnalyzer.ResultNotChecked or ReleaseWithoutAcquireAnalyzer.ConditionalAcquire
                     && diagnostic.Properties.TryGetValue(ReleaseWithoutAcquireAnalyzer.GuardKey, out var guard) && guard is not null
                     && LockStatements.StatementInBlock(root, diagnostic.Location) is ExpressionStatementSyntax release)
            {
                var guarded = IfStatement(ParseExpression(guard), Block(release.WithoutTrivia()))
                    .WithTriviaFrom(release)
                    .WithAdditionalAnnotations(Formatter.Annotation);
                context.RegisterCodeFix(
                    CodeAction.Create(reason == ReleaseWithoutAcquireAnalyzer.ConditionalAcquire ? $"Release only when '{guard}', as the acquire" : $"Release only when '{guard}' is true", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(release, guarded))), Key),
                    diagnostic);
            }
        }
    }

    /// <summary>
    /// Moves the statement holding the acquire (and, when the <c>try</c> has no <c>catch</c>, the statements before it
    /// in the <c>try</c> block) to just before the <c>try</c>. With catches, only a leading acquire is moved, so no
    /// other statement leaves the catches' reach.
    /// </summary>
    private static SyntaxNode? MoveBeforeTry(SyntaxNode root, Diagnostic diagnostic, Microsoft.CodeAnalysis.Text.TextSpan acquireSpan)
    {
        var releaseNode = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var acquireNode = root.FindNode(acquireSpan, getInnermostNodeForTie: true);
        var @try = releaseNode.Ancestors().OfType<TryStatementSyntax>()
            .FirstOrDefault(t => t.Finally is { } f && f.Contains(releaseNode) && t.Block.Contains(acquireNode));
        if (@try?.Parent is not BlockSyntax outer)
        {
            return null;
        }

        var acquireStatement = acquireNode.Ancestors().OfType<StatementSyntax>().FirstOrDefault(s => s.Parent == @try.Block);
        if (acquireStatement is null)
        {
            return null;
        }

        var index = @try.Block.Statements.IndexOf(acquireStatement);
        if (index > 0 && @try.Catches.Count > 0)
        {
            return null;
        }

        var moved = @try.Block.Statements.Take(index + 1)
            .Select(statement => statement.WithAdditionalAnnotations(Formatter.Annotation))
            .ToList();
        moved[0] = moved[0].WithLeadingTrivia(@try.GetLeadingTrivia());
        var rest = @try.Block.Statements.Skip(index + 1).ToList();
        var tryTrivia = @try.GetLeadingTrivia();
        if (rest.Count > 0 && rest[0].GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)))
        {
            // A blank line that separated the moved statements from the rest now separates them from the try.
            tryTrivia = tryTrivia.Insert(0, EndOfLine("\n"));
            rest[0] = rest[0].WithLeadingTrivia(rest[0].GetLeadingTrivia().Where(t => !t.IsKind(SyntaxKind.EndOfLineTrivia)));
        }

        var newTry = @try.WithBlock(@try.Block.WithStatements(List(rest)))
            .WithLeadingTrivia(tryTrivia)
            .WithAdditionalAnnotations(Formatter.Annotation);
        var statements = outer.Statements;
        var at = statements.IndexOf(@try);
        var newStatements = statements.Take(at).Concat(moved).Append(newTry).Concat(statements.Skip(at + 1));
        return root.ReplaceNode(outer, outer.WithStatements(List(newStatements)));
    }
}
