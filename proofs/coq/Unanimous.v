(** * A unanimous favourite caps every k-output policy at k/(k+l) under share.

    If some response [y0] is in every user's best class, the competitor that shows [y0] in all
    its [l] slots is in every user's best class too, so the model's share of each contest is
    [a/(a+l)] with [a <= k] of its slots there: at most [k/(k+l)]. At [l = 1] this is the
    converse at [eps = 0] (a single user type suffices), and for [l >= 2] it is the simplest
    cap known on the l-output rate. *)

From mathcomp Require Import all_ssreflect all_algebra.
From UAlign Require Import Model Contest.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Import GRing.Theory Num.Theory.
Local Open Scope ring_scope.

Section Unanimous.

Variable R : realFieldType.
Variable n : nat.
Variable U : finType.
Variable w : U -> R.
Variable lev : U -> 'I_n -> nat.
Variable y0 : 'I_n.
Hypothesis top : forall u z, (lev u y0 <= lev u z)%N.

(** The competitor that shows [y0] in all of its [l] slots. *)
Definition copy_top l : {ffun 'I_l -> 'I_n} -> R := fun T => (T == [ffun _ : 'I_l => y0])%:R.

Lemma copy_top_policy l : policy (@copy_top l).
Proof.
split=> [T|]; first by rewrite /copy_top ler0n.
rewrite (bigD1 [ffun _ => y0]) //= /copy_top eqxx big1 ?addr0 // => T /negbTE ->.
by [].
Qed.

Lemma wins_copy_top u k l (S : {ffun 'I_k -> 'I_n}) : (0 < l)%N ->
  wins R lev Share u S [ffun _ : 'I_l => y0] <= k%:R / (k + l)%:R.
Proof.
move=> l0; rewrite /wins.
set a := model_best lev u S _; set b := comp_best lev u S _.
have bl : b = l.
  rewrite /b /comp_best -[RHS]card_ord; apply: eq_card => j; rewrite !inE.
  by apply/forallP => x; rewrite /join !ffunE; case: x => [i|j']; rewrite ?ffunE top.
have ak : (a <= k)%N by rewrite /a /model_best -[X in (_ <= X)%N]card_ord max_card.
have pos (c : nat) : 0 < (c + l)%:R :> R by rewrite ltr0n addn_gt0 l0 orbT.
rewrite bl ler_pdivr_mulr // mulrAC ler_pdivl_mulr // -!natrM ler_nat.
by rewrite !mulnDr (mulnC a k) leq_add2l leq_mul2r ak orbT.
Qed.

(** So the copying competitor holds every joint k-output policy to k/(k+l). *)
Theorem unanimous_cap_share k l (P : {ffun 'I_k -> 'I_n} -> R) : (0 < l)%N -> profile w ->
  policy P -> win_rate w lev Share P (@copy_top l) <= k%:R / (k + l)%:R.
Proof.
move=> l0 [w0 w1] [P0 P1]; rewrite /win_rate.
have -> : k%:R / (k + l)%:R = \sum_u w u * \sum_S P S * (k%:R / (k + l)%:R) :> R.
  by rewrite -mulr_suml w1 mul1r -mulr_suml P1 mul1r.
apply: ler_sum => u _; apply: ler_wpmul2l; first exact: w0.
apply: ler_sum => S _.
rewrite (bigD1 [ffun _ => y0]) //= big1 ?addr0 => [|T /negbTE TT]; last first.
  by rewrite /copy_top TT mulr0 mul0r.
rewrite /copy_top eqxx mulr1; apply: ler_wpmul2l; first exact: P0.
exact: wins_copy_top.
Qed.

End Unanimous.
