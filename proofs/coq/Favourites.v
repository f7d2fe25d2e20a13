(** * The l-favourites cap: a closed form for the l-output rate, for every k and l.

    Every user has a unique favourite among l responses, each the favourite of weight 1/l.
    Against the competitor that shows each response once, a user's best class is the slots
    showing their favourite, one of them the competitor's, so a k-tuple showing response [i]
    [c i] times wins [c i/(c i + 1)] of that favourite's users. With [sum_i c i = k] the
    secant of the concave [c/(c+1)] between [q] and [q+1] bounds the total. *)

From mathcomp Require Import all_ssreflect all_algebra.
From mathcomp.algebra_tactics Require Import ring.
From UAlign Require Import Model Statements Contest Sums.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Import GRing.Theory Num.Theory.
Local Open Scope ring_scope.

Section Arithmetic.

Variable R : realFieldType.

(** The secant of [c/(c+1)] through [q] and [q+1] lies above it at every integer [c]. *)
Lemma secant (c q : nat) :
  c%:R / (c.+1)%:R <= q%:R / (q.+1)%:R + (c%:R - q%:R) / ((q.+1)%:R * (q.+2)%:R) :> R.
Proof.
rewrite -subr_ge0.
have -> : q%:R / (q.+1)%:R + (c%:R - q%:R) / ((q.+1)%:R * (q.+2)%:R) - c%:R / (c.+1)%:R
    = (c%:R - q%:R) * (c%:R - q%:R - 1) / ((c.+1)%:R * (q.+1)%:R * (q.+2)%:R) :> R.
  rewrite !natrS1.
  by field; rewrite -!natrS1 !pnatr_eq0.
apply: divr_ge0; last by rewrite !mulr_ge0 ?ler0n.
case: (leqP c q) => cq.
  have h : c%:R - q%:R <= 0 :> R by rewrite subr_le0 ler_nat.
  rewrite -mulrNN mulr_ge0 // oppr_ge0 // subr_le0.
  exact: Order.POrderTheory.le_trans h ler01.
rewrite mulr_ge0 // subr_ge0 ?ler_nat ?(ltnW cq) //.
by rewrite ler_subr_addr addrC -natrS1 ler_nat.
Qed.

(** Summed over a composition [c] of [k] into [l] parts: at most the closed form times l. *)
Lemma favourites_sum l k (c : 'I_l -> nat) : (0 < l)%N -> (\sum_i c i)%N = k ->
  \sum_i (c i)%:R / (c i).+1%:R
  <= ((l - k %% l) * (k %/ l))%:R / (k %/ l).+1%:R + (k %% l * (k %/ l).+1)%:R / (k %/ l).+2%:R
  :> R.
Proof.
move=> l0 sc; set q := (k %/ l)%N; set r := (k %% l)%N.
have rl : (r <= l)%N by rewrite ltnW // ltn_pmod.
have kqr : k%:R = q%:R * l%:R + r%:R :> R by rewrite -natrM -natrD -divn_eq.
have step : \sum_i (c i)%:R / (c i).+1%:R
    <= \sum_i (q%:R / (q.+1)%:R + ((c i)%:R - q%:R) / ((q.+1)%:R * (q.+2)%:R)) :> R.
  by apply: ler_sum => i _; exact: secant.
apply: Order.POrderTheory.le_trans step _.
rewrite big_split /= sumr_const card_ord -mulr_suml sumrB sumr_const card_ord -natr_sum sc.
rewrite -(mulr_natr (q%:R / (q.+1)%:R) l) -(mulr_natr q%:R l) kqr !natrM natrB //.
have h1 : q%:R + 1 != 0 :> R by rewrite -natrS1 pnatr_eq0.
have h2 : q%:R + 1 + 1 != 0 :> R by rewrite -!natrS1 pnatr_eq0.
rewrite Order.POrderTheory.le_eqVlt; apply/orP; left; apply/eqP; rewrite !natrS1.
by field; rewrite h1 h2.
Qed.

End Arithmetic.

Section Favourites.

Variable R : realFieldType.
Variable U : finType.
Variable w : U -> R.
Variable l : nat.
Variable lev : U -> 'I_l -> nat.
Variable fav : U -> 'I_l.
Hypothesis fav_top : forall u z, z != fav u -> (lev u (fav u) < lev u z)%N.
Hypothesis fav_weight : forall i, \sum_(u | fav u == i) w u = l%:R^-1.

(** The competitor that shows every response once. *)
Definition every_once : {ffun 'I_l -> 'I_l} := [ffun i => i].
Definition show_all : {ffun 'I_l -> 'I_l} -> R := fun T => (T == every_once)%:R.

Lemma show_all_policy : policy show_all.
Proof.
split=> [T|]; first by rewrite /show_all ler0n.
rewrite (bigD1 every_once) //= /show_all eqxx big1 ?addr0 // => T /negbTE ->.
by [].
Qed.

Lemma fav_le u z : (lev u (fav u) <= lev u z)%N.
Proof. by case: (eqVneq z (fav u)) => [->//|/fav_top/ltnW]. Qed.

Lemma best_every_once u k (S : {ffun 'I_k -> 'I_l}) :
  best lev u (join S every_once) = [set x | join S every_once x == fav u].
Proof.
apply/setP => x; rewrite !inE; apply/forallP/eqP => [le|ex j].
  apply/eqP; apply: contraT => ne.
  have := le (inr (fav u)); rewrite /join !ffunE.
  rewrite leqNgt fav_top //.
  by move: ne; rewrite /join ffunE.
by rewrite ex fav_le.
Qed.

Lemma wins_every_once u k (S : {ffun 'I_k -> 'I_l}) :
  wins R lev Share u S every_once = (mult S (fav u))%:R / (mult S (fav u)).+1%:R.
Proof.
rewrite /wins /model_best /comp_best !best_every_once.
have -> : #|[set a | inl a \in [set x | join S every_once x == fav u]]| = mult S (fav u).
  by apply: eq_card => a; rewrite !inE /join ffunE.
have -> : #|[set b | inr b \in [set x | join S every_once x == fav u]]| = 1%N.
  rewrite -(cards1 (fav u)); apply: eq_card => b; rewrite !inE /join !ffunE.
  by [].
by rewrite addn1.
Qed.

Theorem favourites_cap_share k (P : {ffun 'I_k -> 'I_l} -> R) : profile w -> policy P ->
  win_rate w lev Share P show_all <= favourites_cap R k l.
Proof.
move=> [w0 w1] [P0 P1].
have l0 : (0 < l)%N.
  case: (pickP (@predT U)) => [u _|none]; first exact: leq_ltn_trans (leq0n (fav u)) (ltn_ord (fav u)).
  by move: w1; rewrite big_pred0 // => /eqP; rewrite eq_sym oner_eq0.
have contest u (S : {ffun 'I_k -> 'I_l}) :
    \sum_T P S * show_all T * wins R lev Share u S T
    = P S * ((mult S (fav u))%:R / (mult S (fav u)).+1%:R).
  rewrite (bigD1 every_once) //= big1 ?addr0 => [|T /negbTE TT]; last first.
    by rewrite /show_all TT mulr0 mul0r.
  by rewrite /show_all eqxx mulr1 -wins_every_once.
rewrite /win_rate; under eq_bigr do under eq_bigr do rewrite contest.
under eq_bigr do rewrite mulr_sumr; rewrite exchange_big /=.
have -> : favourites_cap R k l = \sum_S P S * favourites_cap R k l.
  by rewrite -mulr_suml P1 mul1r.
apply: ler_sum => S _.
under eq_bigr do rewrite mulrCA.
rewrite -mulr_sumr; apply: ler_wpmul2l; first exact: P0.
pose f i : R := (mult S i)%:R / (mult S i).+1%:R.
have -> : \sum_u w u * f (fav u) = \sum_i l%:R^-1 * f i.
  rewrite (partition_big fav predT) //=; apply: eq_bigr => i _.
  rewrite -(fav_weight i) mulr_suml; apply: eq_bigr => u /eqP <-.
  by [].
rewrite -mulr_sumr /favourites_cap mulrC ler_pmul2r ?invr_gt0 ?ltr0n //.
exact: favourites_sum l0 (sum_mult_all S).
Qed.

End Favourites.
