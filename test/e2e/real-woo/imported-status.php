<?php
/**
 * Plugin Name: Order Sync e2e - Imported status
 * Description: The custom order status "Imported" the import template sets, as a merchant's custom-status plugin adds it.
 */
add_action( 'init', function () {
	register_post_status( 'wc-imported', array(
		'label'                     => 'Imported',
		'public'                    => false,
		'exclude_from_search'       => false,
		'show_in_admin_all_list'    => true,
		'show_in_admin_status_list' => true,
		/* translators: %s: number of orders */
		'label_count'               => _n_noop( 'Imported <span class="count">(%s)</span>', 'Imported <span class="count">(%s)</span>' ),
	) );
} );
add_filter( 'wc_order_statuses', function ( $statuses ) {
	$statuses['wc-imported'] = 'Imported';
	return $statuses;
} );
