(** * The one axiom: Nash's theorem for finite symmetric games.

    Nash (1951, "Non-cooperative games", Annals of Mathematics 54, Theorem 2) proves that
    every finite symmetric game has a symmetric mixed equilibrium. The (k+1)-player alignment
    game of [Model.v] is such a game: every player has the responses ['I_n] and the prize of
    a player depends only on its own response and the multiset of the others'. For fixed
    [n], [U], [lev] and [k] the statement below is a first-order sentence in the language of
    ordered fields (the weights are universally quantified), true over the reals by Nash's
    theorem, and so true in every real closed field by the Tarski-Seidenberg transfer
    principle. The project does not prove it (that needs a fixed-point theorem); only the
    existence corollary in [Theorems.v] depends on it, and the test suite checks that no
    other theorem does. *)

From mathcomp Require Import all_ssreflect all_algebra.
From UAlign Require Import Model.

Import GRing.Theory Num.Theory.
Local Open Scope ring_scope.

Axiom symmetric_nash_existence :
  forall (R : rcfType) (n : nat) (U : finType) (w : U -> R) (lev : U -> 'I_n -> nat) (k : nat),
    (0 < n)%N -> profile w -> exists p : 'I_n -> R, equilibrium w lev k p 0.
